import { describe, expect, it } from 'vitest';
import { type IncomingRecord, recordToHttp } from '../bus/kafka-record';
import { isKnownType } from '../events/catalog';
import { decodeHttpEvent } from '../events/decode-http';
import { validateEvent } from '../events/validate-event';
import { documentUnderTest } from './asyncapi-test-kit';

const { document, messageErrors } = documentUnderTest();
const withExamples = Object.entries(document.components.messages).filter(([, message]) => message.examples?.length);

/** The event an example carries, as the consumer decodes it from the wire. */
function decodedEvent(id: string, example: { headers?: unknown; payload?: unknown }) {
  const headers = (example.headers ?? {}) as Record<string, string>;
  if (id.endsWith('.structured')) return validateEvent(example.payload);
  const body = JSON.stringify(example.payload);
  if (id.endsWith('.http-binary')) {
    const decoded = decodeHttpEvent({ headers, body });
    return decoded.ok ? validateEvent(decoded.event) : decoded;
  }
  const record: IncomingRecord = { topic: 'task-events', partition: 0, offset: '0', key: null, value: Buffer.from(body), headers, timestamp: '0' };
  const decoded = decodeHttpEvent(recordToHttp(record, { namespace: 'todo', sourceName: 'test' }));
  return decoded.ok ? validateEvent(decoded.event) : decoded;
}

describe('the examples of the AsyncAPI document', () => {
  it.each(withExamples.map(([id, message]) => [id, message] as const))('%s: each example matches the message\'s headers and payload', (id, message) => {
    for (const example of message.examples!) {
      if (message.headers) expect(messageErrors(id, 'headers', example.headers), `${id} ${example.name}`).toEqual([]);
      if (message.payload) expect(messageErrors(id, 'payload', example.payload), `${id} ${example.name}`).toEqual([]);
    }
  });

  it.each(withExamples.filter(([, message]) => isKnownType(message.name)).map(([id, message]) => [id, message] as const))(
    '%s: each example is an event the consumers accept',
    (id, message) => {
      for (const example of message.examples!) expect(decodedEvent(id, example), `${id} ${example.name}`).toMatchObject({ ok: true, event: { type: message.name } });
    },
  );

  it('gives every event and command message an example', () => {
    const catalogMessages = Object.entries(document.components.messages).filter(([, message]) => isKnownType(message.name));

    expect(catalogMessages.filter(([, message]) => !message.examples?.length).map(([id]) => id)).toEqual([]);
  });
});
