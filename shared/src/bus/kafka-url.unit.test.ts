import { describe, expect, it } from 'vitest';
import { parseKafkaUrl } from './kafka-url';

describe('EVENT_BUS_URL for Kafka', () => {
  it('reads one or several brokers; consumers receive over HTTP unless told otherwise', () => {
    expect(parseKafkaUrl('kafka://my-cluster-kafka-bootstrap.kafka:9092')).toEqual({ brokers: ['my-cluster-kafka-bootstrap.kafka:9092'], consume: 'http' });
    expect(parseKafkaUrl('kafka://10.0.0.1:9092,10.0.0.2:9093/?consume=in-process')).toEqual({ brokers: ['10.0.0.1:9092', '10.0.0.2:9093'], consume: 'in-process' });
  });

  it.each([
    ['kafka://', /not kafka:\/\//],
    ['kafka://broker', /not host:port: broker/],
    ['kafka://a:9092,b', /not host:port: b/],
    ['kafka://a:99999', /not host:port/],
    ['kafka://a:9092?consume=sometimes', /consume=sometimes/],
    ['kafka://a:9092?group=x', /unknown parameters: group/],
  ])('refuses %s with a message that says why', (url, message) => {
    expect(() => parseKafkaUrl(url)).toThrow(message);
  });
});
