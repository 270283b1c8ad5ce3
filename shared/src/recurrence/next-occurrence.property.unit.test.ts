import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Recurrence } from '../contracts/recurrence';
import { nextOccurrence } from './next-occurrence';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo', 'Europe/London', 'Pacific/Auckland', 'UTC'];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The wall-clock reading of an instant in a zone, by Intl (an oracle independent of rrule-temporal). */
function wall(instant: string | number, zone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const year = Number(parts.year);
  const month = Number(parts.month);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { day: Number(parts.day), daysInMonth, time: `${parts.hour}:${parts.minute}:${parts.second}`, weekday: parts.weekday!.slice(0, 2).toUpperCase() };
}

/** DST switches of the zones above (Berlin/London, New York, Sydney, Auckland), to put due times right before them. */
const TRANSITIONS = [
  '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z',
  '2026-04-04T16:00:00Z', '2026-10-03T16:00:00Z', '2026-04-04T14:00:00Z', '2026-09-26T14:00:00Z', '2028-03-26T01:00:00Z',
].map(Date.parse);

const anyInstant = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.getTime());
const nearTransition = fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -4 * DAY, max: DAY })).map(([t, offset]) => t + offset);
const instant = fc.oneof(anyInstant, nearTransition).map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));

const rule = fc.oneof(
  fc.integer({ min: 1, max: 4 }).map((n) => ({ rrule: `FREQ=DAILY;INTERVAL=${n}`, kind: 'daily' as const, interval: n })),
  fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1, maxLength: 7 }).map((days) => ({ rrule: `FREQ=WEEKLY;BYDAY=${days.join(',')}`, kind: 'weekly' as const, days })),
  fc.constant({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', kind: 'the-31st' as const }),
  fc.integer({ min: 1, max: 28 }).map((d) => ({ rrule: `FREQ=MONTHLY;BYMONTHDAY=${d}`, kind: 'monthly' as const, day: d })),
  fc.constant({ rrule: 'FREQ=MONTHLY;BYDAY=-1FR', kind: 'last-friday' as const }),
);

const scenario = fc.record({
  zone: fc.constantFrom(...ZONES),
  dueAt: instant,
  completionOffsetMs: fc.integer({ min: -3 * DAY, max: 60 * DAY }),
  rule,
  from: fc.constantFrom<Recurrence['from']>('schedule', 'completion', undefined),
  index: fc.integer({ min: 1, max: 6 }),
  count: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  untilAfterDays: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function run(s: Scenario) {
  const dueAt = s.dueAt.toISOString();
  const completedAt = new Date(s.dueAt.getTime() + s.completionOffsetMs).toISOString();
  const until = s.untilAfterDays === undefined ? undefined : new Date(s.dueAt.getTime() + s.untilAfterDays * DAY);
  const untilPart = until ? `;UNTIL=${until.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}` : '';
  const countPart = s.count === undefined ? '' : `;COUNT=${s.count}`;
  const recurrence: Recurrence = { rrule: `${s.rule.rrule}${countPart}${untilPart}`, timezone: s.zone, ...(s.from ? { from: s.from } : {}) };
  return { dueAt, completedAt, until, result: nextOccurrence({ dueAt, completedAt, recurrence, index: s.index }) };
}

const PARAMS = { numRuns: 400 };

describe('next occurrence properties (random zones, times, rules, DST transitions)', () => {
  it('is strictly after the due time and the completion, and one further along the series', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { dueAt, completedAt, result } = run(s);
        if (result.kind === 'ended') return;
        expect(Date.parse(result.dueAt)).toBeGreaterThan(Date.parse(completedAt));
        if (s.from !== 'completion') expect(Date.parse(result.dueAt)).toBeGreaterThan(Date.parse(dueAt));
        expect(result.index).toBe(s.index + 1);
      }),
      PARAMS,
    );
  });

  it('keeps the local wall-clock time of the due time', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { dueAt, result } = run(s);
        if (result.kind === 'next') expect(wall(result.dueAt, s.zone).time).toBe(wall(dueAt, s.zone).time);
      }),
      PARAMS,
    );
  });

  it('never goes past COUNT or UNTIL', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { until, result } = run(s);
        if (s.count !== undefined && s.index >= s.count) expect(result).toEqual({ kind: 'ended', reason: 'count' });
        if (result.kind === 'next' && s.count !== undefined) expect(result.index).toBeLessThanOrEqual(s.count);
        if (result.kind === 'next' && until) expect(Date.parse(result.dueAt)).toBeLessThanOrEqual(until.getTime());
      }),
      PARAMS,
    );
  });

  it('lands on the days the rule names: 31sts, last Fridays, the month day, the weekdays', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { result } = run(s);
        if (result.kind === 'ended') return;
        const local = wall(result.dueAt, s.zone);
        if (s.rule.kind === 'the-31st') expect(local.day).toBe(31);
        if (s.rule.kind === 'monthly') expect(local.day).toBe(s.rule.day);
        if (s.rule.kind === 'weekly') expect(s.rule.days).toContain(local.weekday);
        if (s.rule.kind === 'last-friday') {
          expect(local.weekday).toBe('FR');
          // The last one: a week later is another month (by the calendar, not 7 × 24 h, which a DST change shortens).
          expect(local.day + 7).toBeGreaterThan(local.daysInMonth);
        }
      }),
      PARAMS,
    );
  });

  it('takes the nearest daily slot: never more than one interval (plus a DST gap day) after the reference', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        if (s.rule.kind !== 'daily' || s.untilAfterDays !== undefined) return;
        const { dueAt, completedAt, result } = run({ ...s, count: undefined });
        if (result.kind === 'ended') throw new Error('an endless daily rule ended');
        const reference = s.from === 'completion' ? Date.parse(completedAt) : Math.max(Date.parse(dueAt), Date.parse(completedAt));
        const slack = s.from === 'completion' ? s.rule.interval * DAY + DAY : s.rule.interval * DAY;
        expect(Date.parse(result.dueAt) - reference).toBeLessThanOrEqual(slack + DAY + 2 * HOUR);
      }),
      PARAMS,
    );
  });
});
