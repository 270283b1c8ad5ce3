import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '#shared/contracts/task';
import { durationMs } from '#shared/contracts/time';
import { nextOccurrence } from '#shared/recurrence/next-occurrence';
import { type CalendarKit, startCalendarKit } from '../../test/calendar-test-kit';
import { eventsByUid, occurrences, readCalendar } from '../../test/calendar/ical-oracle';

let kit: CalendarKit;
beforeAll(async () => {
  kit = await startCalendarKit();
});
afterAll(() => kit.stop());

async function create(userId: string, task: Record<string, unknown>): Promise<Task> {
  const created = await kit.call(userId, 'POST', '/tasks', task);
  if (created.status !== 201) throw new Error(`POST /tasks answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body as Task;
}

async function feedOf(userId: string) {
  const polled = await kit.poll(await kit.feedPath(userId));
  expect(polled.status).toBe(200);
  return { ...polled, calendar: readCalendar(polled.text) };
}

/** The series as the recurrence engine walks it, each task completed at its due time: up to `limit` due times. */
function engineSeries(task: Task, limit: number): string[] {
  const dueTimes = [task.dueAt!];
  let index = task.series?.index ?? 1;
  while (dueTimes.length < limit) {
    const next = nextOccurrence({ dueAt: dueTimes.at(-1)!, completedAt: dueTimes.at(-1)!, recurrence: task.recurrence!, index });
    if (next.kind !== 'next') break;
    dueTimes.push(next.dueAt);
    index = next.index;
  }
  return dueTimes;
}

describe('the feed as an independent parser reads it', () => {
  it('holds exactly the owner’s pending tasks with a due time, each at its due time', async () => {
    const due = await create('alice', { title: 'Dentist', dueAt: '2026-06-02T15:00:00+02:00' });
    const overdue = await create('alice', { title: 'Tax return', dueAt: '2026-01-31T23:59:00Z' });
    const done = await create('alice', { title: 'Done', dueAt: '2026-06-03T10:00:00Z' });
    await kit.call('alice', 'POST', `/tasks/${done.id}/complete`);
    await create('alice', { title: 'Someday' });
    await create('bob', { title: 'Bob’s secret', dueAt: '2026-06-02T10:00:00Z' });

    const { calendar, headers } = await feedOf('alice');
    const events = eventsByUid(calendar);

    expect([...events.keys()].sort()).toEqual([due.id, overdue.id].sort());
    expect(events.get(due.id)!.startDate.toJSDate().toISOString()).toBe(due.dueAt);
    expect(events.get(overdue.id)!.startDate.toJSDate().toISOString()).toBe(overdue.dueAt);
    expect(headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const bobs = eventsByUid((await feedOf('bob')).calendar);
    expect([...bobs.values()].map((event) => event.summary)).toEqual(['Bob’s secret']);
  });

  it('writes title, description, tags, priority and last change as the task has them', async () => {
    const task = await create('carol', { title: 'Plan: A, B; C \\ D', description: 'first line\nsecond, line; end', tags: ['home', 'q3.plan'], priority: 'urgent', dueAt: '2026-07-01T09:00:00Z' });
    const event = eventsByUid((await feedOf('carol')).calendar).get(task.id)!;

    expect(event.summary).toBe(task.title);
    expect(event.description).toBe(task.description);
    expect(event.component.getFirstProperty('categories')!.getValues()).toEqual(task.tags);
    expect(event.component.getFirstPropertyValue('dtstamp')!.toString()).toBe(ICAL.Time.fromJSDate(new Date(task.updatedAt), true).toString());
    expect(event.sequence).toBe(task.version - 1);
  });

  it('maps priorities onto RFC 5545’s scale in order: urgent and high in 1–4, medium 5, low in 6–9', async () => {
    const levels = ['urgent', 'high', 'medium', 'low'] as const;
    const tasks = await Promise.all(levels.map((priority) => create('dave', { title: priority, priority, dueAt: '2026-07-01T09:00:00Z' })));
    const events = eventsByUid((await feedOf('dave')).calendar);
    const values = tasks.map((task) => Number(events.get(task.id)!.component.getFirstPropertyValue('priority')));

    expect(values[0]).toBeLessThan(values[1]!);
    expect(values.slice(0, 2).every((value) => value >= 1 && value <= 4)).toBe(true);
    expect(values[2]).toBe(5);
    expect(values[3]).toBeGreaterThanOrEqual(6);
    expect(values[3]).toBeLessThanOrEqual(9);
  });

  it('gives each reminder a display alarm that long before the due time', async () => {
    const reminders = ['PT0S', 'PT15M', 'P1D', 'P1W2D', 'PT1H30S'];
    const task = await create('erin', { title: 'Pay rent', dueAt: '2026-08-01T08:00:00Z', reminders });
    const event = eventsByUid((await feedOf('erin')).calendar).get(task.id)!;
    const alarms = event.component.getAllSubcomponents('valarm');

    expect(alarms.map((alarm) => (alarm.getFirstPropertyValue('trigger') as InstanceType<typeof ICAL.Duration>).toSeconds())).toEqual(reminders.map((reminder) => -durationMs(reminder) / 1000 || 0));
    expect(alarms.map((alarm) => alarm.getFirstPropertyValue('action'))).toEqual(reminders.map(() => 'DISPLAY'));
    expect(alarms.map((alarm) => alarm.getFirstPropertyValue('description'))).toEqual(reminders.map(() => 'Pay rent'));
  });
});

describe('recurring tasks', () => {
  const series = [
    ['daily at 09:00 in Berlin across the spring change', { rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' }, '2026-03-27T09:00:00+01:00', 8],
    ['weekly in New York across the autumn change', { rrule: 'FREQ=WEEKLY;BYDAY=SU,WE', timezone: 'America/New_York' }, '2026-10-25T08:30:00-04:00', 8],
    ['monthly on the last Friday in Sydney across both changes', { rrule: 'FREQ=MONTHLY;BYDAY=-1FR', timezone: 'Australia/Sydney' }, '2026-03-27T07:00:00+11:00', 14],
    ['on the 31st, skipping short months, in Lord Howe', { rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', timezone: 'Australia/Lord_Howe' }, '2026-01-31T18:15:00+11:00', 10],
    ['every other weekday at 07:45 in Santiago', { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR;WKST=MO', timezone: 'America/Santiago' }, '2026-03-30T07:45:00-03:00', 25],
    ['yearly on Feb 29 in Tokyo', { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', timezone: 'Asia/Tokyo' }, '2028-02-29T12:00:00+09:00', 3],
    ['from 02:30 on the night Berlin springs forward, written before the gap', { rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' }, '2026-03-29T02:30:00+01:00', 5],
    ['from 02:30 on the night Berlin springs forward, written after the gap', { rrule: 'FREQ=DAILY', timezone: 'Europe/Berlin' }, '2026-03-29T02:30:00+02:00', 5],
    ['written in lower case with a trailing separator', { rrule: 'freq=daily;interval=3;', timezone: 'Europe/London' }, '2026-03-27T23:30:00Z', 6],
  ] as const;

  it.each(series)('expands %s to the due times the recurrence engine gives the series', async (_, recurrence, dueAt, count) => {
    const task = await create('frank', { title: 'Series', dueAt, recurrence });
    const event = eventsByUid((await feedOf('frank')).calendar).get(task.id)!;

    expect(event.startDate.zone!.tzid).toBe(recurrence.timezone);
    expect(event.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe(recurrence.timezone);
    expect(occurrences(event, count)).toEqual(engineSeries(task, count));
  });

  it.each([
    ['COUNT', 'FREQ=WEEKLY;BYDAY=MO;COUNT=6', 3],
    ['a date UNTIL', 'FREQ=DAILY;UNTIL=20261108', 1],
    ['a UTC UNTIL', 'FREQ=DAILY;UNTIL=20261106T120000Z', 2],
  ])('ends a series with %s where the engine ends it, from the task the series is at', async (_, rrule, index) => {
    const recurrence = { rrule, timezone: 'America/Chicago' };
    const task = await create('gina', { title: 'Ends', dueAt: '2026-11-02T09:00:00-06:00', recurrence, series: { id: '01960000-0000-7000-8000-00000000abcd', index } });
    const event = eventsByUid((await feedOf('gina')).calendar).get(task.id)!;
    const expected = engineSeries(task, 100);

    expect(expected.length).toBeLessThan(100);
    expect(occurrences(event, 100)).toEqual(expected);
  });

  it('shows a series counted from completion once: its next date depends on when it is done', async () => {
    const task = await create('hana', { title: 'Water plants', dueAt: '2026-06-01T08:00:00Z', recurrence: { rrule: 'FREQ=DAILY;INTERVAL=3', timezone: 'Europe/Paris', from: 'completion' } });
    const event = eventsByUid((await feedOf('hana')).calendar).get(task.id)!;

    expect(event.isRecurring()).toBe(false);
    expect(occurrences(event, 5)).toEqual([task.dueAt]);
  });

  it('writes one VTIMEZONE per zone, covering the earliest start in it', async () => {
    await create('ivan', { title: 'A', dueAt: '2026-05-04T09:00:00+02:00', recurrence: { rrule: 'FREQ=WEEKLY', timezone: 'Europe/Berlin' } });
    await create('ivan', { title: 'B', dueAt: '2024-05-06T09:00:00+02:00', recurrence: { rrule: 'FREQ=WEEKLY', timezone: 'Europe/Berlin' } });
    await create('ivan', { title: 'C', dueAt: '2026-05-04T09:00:00-04:00', recurrence: { rrule: 'FREQ=WEEKLY', timezone: 'America/New_York' } });
    await create('ivan', { title: 'D', dueAt: '2026-05-04T09:00:00Z' });
    const { calendar } = await feedOf('ivan');
    const zones = calendar.getAllSubcomponents('vtimezone');

    expect(zones.map((zone) => zone.getFirstPropertyValue('tzid')).sort()).toEqual(['America/New_York', 'Europe/Berlin']);
    const b = [...eventsByUid(calendar).values()].find((event) => event.summary === 'B')!;
    expect(occurrences(b, 2)).toEqual(['2024-05-06T07:00:00.000Z', '2024-05-13T07:00:00.000Z']);
  });
});

describe('hostile text', () => {
  it('folds and escapes a title with CRLF, separators, backslashes and emoji, and 2,000 characters of description, so they read back', async () => {
    const title = `Line one\r\nline two; a, b \\ c 😀👩‍👩‍👧 ${'é€😀'.repeat(90)}`.slice(0, 300);
    const description = '😀é€;,\\\n'.repeat(250).slice(0, 2000);
    const task = await create('judy', { title, description, dueAt: '2026-09-01T09:00:00Z', reminders: ['PT5M'] });
    const { text, calendar } = await feedOf('judy');
    const event = eventsByUid(calendar).get(task.id)!;

    expect(event.summary).toBe(title.replace(/\r\n/g, '\n'));
    expect(event.description).toBe(description);
    expect(event.component.getFirstSubcomponent('valarm')!.getFirstPropertyValue('description')).toBe(title.replace(/\r\n/g, '\n'));
    expect(text.split('\r\n').filter((line) => line.startsWith(' ')).length).toBeGreaterThan(30);
  });
});
