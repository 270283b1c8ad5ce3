import { describe, expect, it } from 'vitest';
import { acceptsJson } from './accepts-json';

describe('acceptsJson', () => {
  it.each([
    [null, true],
    ['', true],
    ['*/*', true],
    ['application/*', true],
    ['application/json, text/event-stream', true],
    ['text/event-stream;q=0.9, application/json;q=0.5', true],
    ['text/html, */*;q=0.1', true],
    ['text/event-stream', false],
    ['text/html', false],
    ['application/json;q=0', false],
    ['*/*, application/json;q=0', false],
    ['application/json;q=0, application/*', false],
    ['application/*;q=0, */*', false],
  ])('Accept %j: %s', (accept, expected) => {
    expect(acceptsJson(accept)).toBe(expected);
  });
});
