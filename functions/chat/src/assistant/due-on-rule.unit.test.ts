import { describe, expect, it } from 'vitest';
import { dueOnRule } from './due-on-rule';

describe('dueOnRule', () => {
  it('keeps a due time the new rule has, and otherwise moves to its next day at the same wall-clock time', () => {
    expect(dueOnRule('2026-12-07T09:00:00+01:00', 'FREQ=WEEKLY;BYDAY=MO,TU', 'Europe/Berlin')).toBe('2026-12-07T09:00:00+01:00');
    expect(dueOnRule('2026-12-07T09:00:00+01:00', 'FREQ=WEEKLY;BYDAY=TU,TH', 'Europe/Berlin')).toBe('2026-12-08T09:00:00+01:00');
    // Across the spring DST change in Berlin: still 09:00 local.
    expect(dueOnRule('2026-03-27T09:00:00+01:00', 'FREQ=WEEKLY;BYDAY=MO', 'Europe/Berlin')).toBe('2026-03-30T09:00:00+02:00');
    // A rule without days keeps the task's own day ("make it weekly").
    expect(dueOnRule('2026-12-10T19:00:00+01:00', 'FREQ=WEEKLY', 'Europe/Berlin')).toBe('2026-12-10T19:00:00+01:00');
    expect(dueOnRule('2026-12-10T19:00:00+01:00', 'FREQ=WEEKLY;INTERVAL=2', 'Europe/Berlin')).toBe('2026-12-10T19:00:00+01:00');
  });

  it('leaves the due time alone for a rule it cannot read', () => {
    expect(dueOnRule('2026-12-07T09:00:00+01:00', 'NOT A RULE', 'Europe/Berlin')).toBe('2026-12-07T09:00:00+01:00');
  });
});
