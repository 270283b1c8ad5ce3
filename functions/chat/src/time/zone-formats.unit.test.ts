import { describe, expect, it } from 'vitest';
import { zoneFormat } from './zone-formats';

describe('zoneFormat', () => {
  it('makes each format once per zone and purpose', () => {
    expect(zoneFormat('when', 'Asia/Tokyo')).toBe(zoneFormat('when', 'Asia/Tokyo'));
    expect(zoneFormat('when', 'Asia/Tokyo')).not.toBe(zoneFormat('when', 'Europe/Berlin'));
    expect(zoneFormat('when', 'Asia/Tokyo')).not.toBe(zoneFormat('whenWithYear', 'Asia/Tokyo'));
  });

  it('writes in the zone it was made for', () => {
    const instant = new Date('2026-05-02T15:00:00Z');
    expect(zoneFormat('when', 'Europe/Berlin').format(instant)).toBe('Sat, May 2, 5:00 PM');
    expect(zoneFormat('whenWithYear', 'Asia/Tokyo').format(instant)).toBe('Sun, May 3, 2026, 12:00 AM');
    expect(zoneFormat('day', 'America/Los_Angeles').format(instant)).toBe('May 2, 2026');
    expect(zoneFormat('wallClock', 'UTC').format(instant)).toBe('5/2/2026, 15:00:00');
  });

  it('refuses a zone the runtime does not know, every time', () => {
    expect(() => zoneFormat('year', 'Mars/Olympus')).toThrow(RangeError);
    expect(() => zoneFormat('year', 'Mars/Olympus')).toThrow(RangeError);
  });
});
