import { describe, expect, it } from 'vitest';
import { quietUntil } from './quiet-hours';

const berlin = { start: '22:00', end: '07:00', timezone: 'Europe/Berlin' };

describe('quietUntil', () => {
  it('is null outside quiet hours and without any', () => {
    expect(quietUntil(berlin, new Date('2026-05-01T12:00:00Z'))).toBeNull();
    expect(quietUntil(null, new Date('2026-05-01T23:00:00Z'))).toBeNull();
  });

  it('ends the next morning when the window crosses midnight', () => {
    expect(quietUntil(berlin, new Date('2026-05-01T21:30:45Z'))?.toISOString()).toBe('2026-05-02T05:00:00.000Z'); // 23:30 CEST
    expect(quietUntil(berlin, new Date('2026-05-02T03:00:00Z'))?.toISOString()).toBe('2026-05-02T05:00:00.000Z'); // 05:00 CEST
  });

  it('starts at start and ends at end (half-open)', () => {
    expect(quietUntil(berlin, new Date('2026-05-01T20:00:00Z'))?.toISOString()).toBe('2026-05-02T05:00:00.000Z'); // 22:00 CEST
    expect(quietUntil(berlin, new Date('2026-05-02T05:00:00Z'))).toBeNull(); // 07:00 CEST
  });

  it('finds the wall-clock end across a daylight-saving change', () => {
    // The night of 28-29 March 2026 Berlin moves from +01:00 to +02:00.
    expect(quietUntil(berlin, new Date('2026-03-28T22:00:00Z'))?.toISOString()).toBe('2026-03-29T05:00:00.000Z'); // 23:00 CET → 07:00 CEST
    expect(quietUntil(berlin, new Date('2026-10-24T22:00:00Z'))?.toISOString()).toBe('2026-10-25T06:00:00.000Z'); // 00:00 CEST → 07:00 CET
  });

  it('handles a window within one day in another zone', () => {
    const tokyo = { start: '12:00', end: '13:00', timezone: 'Asia/Tokyo' };
    expect(quietUntil(tokyo, new Date('2026-05-01T03:15:00Z'))?.toISOString()).toBe('2026-05-01T04:00:00.000Z');
    expect(quietUntil(tokyo, new Date('2026-05-01T04:15:00Z'))).toBeNull();
  });
});
