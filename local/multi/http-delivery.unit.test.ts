import { describe, expect, it } from 'vitest';
import { outcomeOfStatus } from './http-delivery';

describe("the dispatcher reads a function's answer as Knative's Kafka data plane does", () => {
  it.each([200, 202, 204])('%i is done', (status) => {
    expect(outcomeOfStatus(status, '')).toEqual({ kind: 'ack' });
  });

  it.each([404, 408, 409, 429, 500, 502, 503, 504])('%i is retried', (status) => {
    expect(outcomeOfStatus(status, 'busy')).toEqual({ kind: 'retry', reason: `answered ${status}: busy` });
  });

  it.each([400, 401, 403, 413, 415, 422])('%i goes to the dead-letter topic at once', (status) => {
    expect(outcomeOfStatus(status, 'no')).toEqual({ kind: 'drop', reason: `answered ${status}: no` });
  });
});
