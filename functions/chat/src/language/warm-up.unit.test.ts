import { describe, expect, it } from 'vitest';
import { parseMessage } from './parse-message';
import { WARM_UP_MESSAGES, warmUpParser } from './warm-up';

describe('the parser warm-up', () => {
  it.each(WARM_UP_MESSAGES)('still walks the path it is there for: %j is a %s', (message, kind) => {
    expect(parseMessage(message, { now: new Date('2026-12-06T10:00:00Z'), timeZone: 'UTC', followsTask: true }).kind).toBe(kind);
  });

  it('covers every kind of answer a person most often gets', () => {
    const kinds = new Set(WARM_UP_MESSAGES.map(([, kind]) => kind));
    for (const kind of ['add', 'list', 'update', 'complete', 'delete', 'remind', 'unknown'] as const) expect(kinds).toContain(kind);
  });

  it('runs at any moment without throwing', () => {
    expect(() => warmUpParser(new Date('2027-03-28T01:30:00Z'))).not.toThrow();
  });
});
