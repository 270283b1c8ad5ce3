import type { DeliverRecord } from '#shared/bus/kafka-consumer-loop';
import { recordToHttp } from '#shared/bus/kafka-record';
import { ack, drop, type Outcome, retry } from '#shared/events/outcome';

/**
 * What Knative's Kafka data plane makes of a subscriber's answer: 2xx is done; 404, 408, 409, 429
 * and 5xx are retried; 400 and every other status are not, so the record goes to the dead-letter sink.
 */
export function outcomeOfStatus(status: number, detail: string): Outcome {
  if (status >= 200 && status < 300) return ack();
  if (status >= 500 || status === 404 || status === 408 || status === 409 || status === 429) return retry(`answered ${status}: ${detail}`);
  return drop(`answered ${status}: ${detail}`);
}

export interface HttpDeliveryOptions {
  /** The function's event route, e.g. `http://127.0.0.1:18185/events`. */
  url: string;
  /** Per request, as the KafkaSource's `delivery.timeout`. */
  timeoutMs: number;
  /** Names the source of records that are not CloudEvents (KafkaSource wraps them). */
  sourceName: string;
  /** The `Authorization` header value each delivery carries (the event path's token for this function). */
  authorization: () => Promise<string>;
}

/**
 * Delivers a record as KafkaSource does: an HTTP POST in binary content mode (`ce-*` headers, the data
 * as the body) with a bearer token for the function's audience (Knative's sender identity); a
 * connection error or a timeout is retried like a 5xx.
 */
export function httpDelivery(options: HttpDeliveryOptions): DeliverRecord {
  return async (record) => {
    const message = recordToHttp(record, { namespace: 'local', sourceName: options.sourceName });
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { ...message.headers, prefer: 'reply', authorization: await options.authorization() },
        body: message.body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const detail = (await response.text()).slice(0, 500);
      return outcomeOfStatus(response.status, detail);
    } catch (error) {
      return retry(`no answer from ${options.url}: ${(error as Error).message}`);
    }
  };
}
