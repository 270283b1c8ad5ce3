/** How consumers of a Kafka bus receive events. */
export type KafkaConsumeMode = 'http' | 'in-process';

export interface KafkaBusUrl {
  brokers: string[];
  /**
   * `http` (default): records are pushed to the function's `POST /events` by Knative's KafkaSource in
   * the cluster, or by the local dispatcher; the bus only publishes. `in-process`: the bus runs one
   * kafkajs consumer group per subscribed consumer itself (several functions in one process).
   */
  consume: KafkaConsumeMode;
}

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/**
 * Parses `kafka://host:port[,host:port...][?consume=http|in-process]`. (The WHATWG URL parser
 * refuses a comma-separated host list, hence the hand parsing.)
 * @example parseKafkaUrl('kafka://127.0.0.1:29092?consume=in-process')
 */
export function parseKafkaUrl(url: string): KafkaBusUrl {
  const match = /^kafka:\/\/([^/?#]+)\/?(?:\?([^#]*))?$/.exec(url);
  if (!match) throw new Error(`EVENT_BUS_URL ${url} is not kafka://host:port[,host:port][?consume=http|in-process]`);
  const brokers = match[1]!.split(',').map((broker) => broker.trim());
  const bad = brokers.filter((broker) => !HOST_PORT.test(broker) || Number(broker.split(':')[1]) > 65_535);
  if (bad.length) throw new Error(`EVENT_BUS_URL names brokers that are not host:port: ${bad.join(', ')}`);
  const params = new URLSearchParams(match[2] ?? '');
  const unknown = [...params.keys()].filter((key) => key !== 'consume');
  if (unknown.length) throw new Error(`EVENT_BUS_URL has unknown parameters: ${unknown.join(', ')} (known: consume)`);
  const consume = params.get('consume') ?? 'http';
  if (consume !== 'http' && consume !== 'in-process') throw new Error(`EVENT_BUS_URL consume=${consume} is not http or in-process`);
  return { brokers, consume };
}
