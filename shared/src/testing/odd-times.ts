/**
 * RFC 3339 times that look right but name no instant this system can hold: offsets past ±23:59 and
 * years outside 0001–9999 once the offset is applied. Every place that reads a time refuses them.
 */
export const OUT_OF_RANGE_TIMES: readonly (readonly [string, string])[] = [
  ['an offset of 24 hours', '2026-05-01T09:00:00+24:00'],
  ['an offset of -24 hours', '2026-05-01T09:00:00-24:00'],
  ['an offset of 60 minutes', '2026-05-01T09:00:00+00:60'],
  ['an offset of 99:99', '2026-05-01T09:00:00+99:99'],
  ['year 0000 once the offset is applied', '0001-01-01T00:00:00+01:00'],
  ['year 10000 once the offset is applied', '9999-12-31T23:59:59-01:00'],
  ['year 0000', '0000-06-01T00:00:00Z'],
];
