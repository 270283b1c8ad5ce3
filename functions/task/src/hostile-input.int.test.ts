import { CloudEvent, HTTP } from 'cloudevents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTaskCreated } from '#shared/testing/event-fixtures';
import { TEST_APP_API_TOKEN } from '#shared/testing/test-event-path';
import { startTaskKit, type TaskKit } from '../test/task-test-kit';
import { OUT_OF_RANGE_TIMES } from '#shared/testing/odd-times';

// Small bodies that once answered 500: each must be a 4xx naming what is wrong.
let kit: TaskKit;
let taskId: string;
beforeAll(async () => {
  kit = await startTaskKit();
  taskId = (await kit.call('mallory', 'POST', '/tasks', { title: 'target', dueAt: '2026-05-02T09:00:00Z' })).body.id;
});
afterAll(() => kit.stop());

const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('JSON nested deeper than the limit', () => {
  it.each([
    ['arrays 3,000 deep (6 KB)', `{"title":"x","description":${nested(3000)}}`],
    ['objects 3,000 deep', `{"title":"x","tags":${nestedObjects(3000)}}`],
    ['arrays 30,000 deep', nested(30_000)],
    ['33 levels', `{"title":"x","description":${nested(32)}}`],
  ])('POST /tasks with %s answers 422 naming the limit', async (_, body) => {
    const response = await kit.call('mallory', 'POST', '/tasks', body);

    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.detail).toBe('the request body nests arrays and objects more than 32 levels deep');
    expect(response.body.errors).toEqual([{ field: '(body)', message: 'must not nest arrays and objects more than 32 levels deep' }]);
  });

  it('PUT /tasks/{id} with arrays 3,000 deep answers 422', async () => {
    const response = await kit.call('mallory', 'PUT', `/tasks/${taskId}`, `{"title":${nested(3000, '"x"')}}`);

    expect([response.status, response.body.detail]).toEqual([422, 'the request body nests arrays and objects more than 32 levels deep']);
  });

  it('still judges 32 levels by the schema', async () => {
    const response = await kit.call('mallory', 'POST', '/tasks', `{"title":"x","description":${nested(31)}}`);

    expect([response.status, response.body.errors]).toEqual([422, [{ field: 'description', message: 'Invalid input: expected string, received array' }]]);
  });

  describe('on the event routes', () => {
    const { data, ...attributes } = aTaskCreated();
    const structuredWith = (name: string, value: string) => `${JSON.stringify({ ...attributes, data }).slice(0, -1)},${JSON.stringify(name)}:${value}}`;
    const reason = 'the structured CloudEvent nests arrays and objects more than 32 levels deep';

    it.each([
      ['type', nested(50_000)],
      ['an extension attribute', nested(3000)],
      ['data', nested(3000)],
    ])('drops a structured event whose %s is too deep: 400 to Knative', async (name, value) => {
      const body = structuredWith(name === 'an extension attribute' ? 'extra' : name, value);
      const response = await kit.app.request('/events', {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents+json', authorization: await kit.eventPath.authorization() },
        body,
      });

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ title: 'Event Dropped', detail: reason });
    });

    it('drops the same event as DROP to Dapr', async () => {
      const response = await kit.app.request('/dapr/events', {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents+json', 'dapr-api-token': TEST_APP_API_TOKEN },
        body: structuredWith('type', nested(50_000)),
      });

      expect([response.status, await response.json()]).toEqual([200, { status: 'DROP' }]);
    });

    it('drops a binary event whose data is too deep', async () => {
      const { headers } = HTTP.binary(new CloudEvent(aTaskCreated()));
      const response = await kit.app.request('/events', {
        method: 'POST',
        headers: { ...(headers as Record<string, string>), authorization: await kit.eventPath.authorization() },
        body: `{"task":${nested(3000)}}`,
      });

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ title: 'Event Dropped', detail: 'the event data nests arrays and objects more than 32 levels deep' });
    });
  });
});


const TIME_MESSAGE = expect.stringMatching(/^must be an RFC 3339 date-time with an offset/);

describe('a time out of range', () => {
  it.each(OUT_OF_RANGE_TIMES)('in dueAt of POST /tasks (%s) answers 422 naming dueAt', async (_, time) => {
    const response = await kit.call('mallory', 'POST', '/tasks', { title: 'x', dueAt: time });

    expect([response.status, response.body.errors]).toEqual([422, [{ field: 'dueAt', message: TIME_MESSAGE }]]);
  });

  it.each(OUT_OF_RANGE_TIMES)('in dueAt of PUT /tasks/{id} (%s) answers 422 naming dueAt', async (_, time) => {
    const response = await kit.call('mallory', 'PUT', `/tasks/${taskId}`, { dueAt: time });

    expect([response.status, response.body.errors]).toEqual([422, [{ field: 'dueAt', message: TIME_MESSAGE }]]);
  });

  it.each(OUT_OF_RANGE_TIMES.flatMap(([what, time]) => [['dueBefore', what, time], ['dueAfter', what, time]]))(
    'in %s of GET /tasks (%s) answers 422 naming it',
    async (field, _, time) => {
      const response = await kit.call('mallory', 'GET', `/tasks?${field}=${encodeURIComponent(time!)}`);

      expect([response.status, response.body.errors]).toEqual([422, [{ field, message: TIME_MESSAGE }]]);
    },
  );

  it.each([
    ['the largest offset', '2026-05-02T09:00:00+23:59', 0],
    ['an unknown local offset (-00:00, UTC)', '2026-05-02T09:00:00-00:00', 0],
    ['the first instant', '0001-01-01T00:00:00Z', 0],
    ['the last instant', '9999-12-31T23:59:59.999999999Z', 1],
  ])('accepts %s in dueBefore and dueAfter', async (_, time, before) => {
    const due = await kit.call('mallory', 'GET', `/tasks?dueBefore=${encodeURIComponent(time)}`);
    const after = await kit.call('mallory', 'GET', `/tasks?dueAfter=${encodeURIComponent(time)}`);

    expect([due.status, after.status]).toEqual([200, 200]);
    expect(due.body.items.filter((task: { id: string }) => task.id === taskId)).toHaveLength(before);
  });

  it('stores the largest offset as the same instant in UTC', async () => {
    const response = await kit.call('mallory', 'POST', '/tasks', { title: 'far east', dueAt: '2026-05-02T09:00:00+23:59' });

    expect([response.status, response.body.dueAt]).toEqual([201, '2026-05-01T09:01:00.000Z']);
  });
});

describe('a rule that can never fire again', () => {
  it.each([
    ['FREQ=MONTHLY;BYDAY=-53MO', 'a BYDAY position in a month must be from 1 to 5 or -5 to -1 (a month has at most five of a weekday)'],
    ['FREQ=MONTHLY;BYDAY=6MO', 'a BYDAY position in a month must be from 1 to 5 or -5 to -1 (a month has at most five of a weekday)'],
    ['FREQ=YEARLY;INTERVAL=400;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO', 'the rule names no date after the due time within the search (at most 100 years ahead)'],
    ['FREQ=MONTHLY;INTERVAL=400;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO', 'the rule names no date after the due time within the search (at most 100 years ahead)'],
  ])('POST /tasks with %s answers 422 naming recurrence.rrule', async (rrule, message) => {
    const response = await kit.call('mallory', 'POST', '/tasks', { title: 'x', dueAt: '2026-05-04T09:00:00Z', recurrence: { rrule, timezone: 'Europe/Berlin' } });

    expect([response.status, response.body.errors]).toEqual([422, [{ field: 'recurrence.rrule', message }]]);
  });

  it('PUT /tasks/{id} with a due time and such a rule answers 422', async () => {
    const rrule = 'FREQ=YEARLY;INTERVAL=400;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO';
    const response = await kit.call('mallory', 'PUT', `/tasks/${taskId}`, { dueAt: '2026-05-04T09:00:00Z', recurrence: { rrule, timezone: 'UTC' } });

    expect([response.status, response.body.errors]).toEqual([422, [{ field: 'recurrence.rrule', message: 'the rule names no date after the due time within the search (at most 100 years ahead)' }]]);
  });

  it('accepts the same rule from a due time it fires after', async () => {
    // 29 February 2044 is a Monday; from January 2044 the rule names it.
    const rrule = 'FREQ=MONTHLY;INTERVAL=12;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO';
    const response = await kit.call('mallory', 'POST', '/tasks', { title: 'leap monday', dueAt: '2044-02-01T09:00:00Z', recurrence: { rrule, timezone: 'UTC' } });

    expect(response.status).toBe(201);
  });
});
