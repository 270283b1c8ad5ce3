import { describe, expect, it } from 'vitest';
import { knativeFailureReason } from './knative-failure';

const DEST = 'http://audit.todo.svc.cluster.local/events';
const base64 = (text: string) => Buffer.from(text).toString('base64');

describe("the reason of a Knative dead letter", () => {
  it('is the status and the problem detail of the base64 response body', () => {
    const body = JSON.stringify({ type: 'about:blank', title: 'Event Dropped', status: 400, detail: 'unknown event type "x"' });

    expect(knativeFailureReason({ knativeerrordest: DEST, knativeerrorcode: '400', knativeerrordata: base64(body) })).toBe(`HTTP 400 from ${DEST}: unknown event type "x"`);
  });

  it('is the body as text when it is no problem+json, marked when Knative cut it at 1024 bytes', () => {
    expect(knativeFailureReason({ knativeerrordest: DEST, knativeerrorcode: '503', knativeerrordata: base64('upstream busy') })).toBe(`HTTP 503 from ${DEST}: upstream busy`);
    expect(knativeFailureReason({ knativeerrordest: DEST, knativeerrorcode: '500', knativeerrordata: base64('x'.repeat(1024)) })).toBe(`HTTP 500 from ${DEST}: ${'x'.repeat(1024)}… (cut by Knative at 1024 bytes)`);
  });

  it('keeps a body that is not base64 as sent, and says when nothing was recorded', () => {
    expect(knativeFailureReason({ knativeerrordest: DEST, knativeerrorcode: '400', knativeerrordata: '{"detail":"plain"}' })).toBe(`HTTP 400 from ${DEST}: plain`);
    expect(knativeFailureReason({ knativeerrordest: DEST, knativeerrorcode: '502' })).toBe(`HTTP 502 from ${DEST}`);
    expect(knativeFailureReason({})).toBe('not recorded: the event carries no knativeerror* extensions');
  });
});
