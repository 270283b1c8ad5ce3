import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '#shared/contracts/task';
import { startTaskKit, type TaskKit } from '../test/task-test-kit';

let kit: TaskKit;

beforeAll(async () => {
  kit = await startTaskKit();
});
afterAll(() => kit.stop());

async function titles(userId: string, query: string): Promise<string[]> {
  const response = await kit.call(userId, 'GET', `/tasks?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items.map((task: Task) => task.title);
}

async function create(userId: string, task: Record<string, unknown>): Promise<string> {
  const response = await kit.call(userId, 'POST', '/tasks', task);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

describe('GET /tasks search and tag filters, within one user', () => {
  // The first 8 hex digits of their ids' MD5 are the same (d49bb250): the key their words and tags are indexed under.
  const [ann, ben] = ['collide-117836', 'collide-144426'];

  it('keep two users whose index keys are the same apart', async () => {
    await create(ann, { title: 'Renew insurance', tags: ['car'] });
    await create(ben, { title: 'Renew insurance policy', tags: ['car', 'home'] });

    for (const query of ['q=insur', 'q=renew&sort=title', 'tag=car', 'tag=car&q=renew', 'tag=car&sort=-dueAt']) {
      expect(await titles(ann, query), query).toEqual(['Renew insurance']);
      expect(await titles(ben, query), query).toEqual(['Renew insurance policy']);
    }
    expect(await titles(ann, 'tag=home')).toEqual([]);
  });

  it('find a task by its new title and tags after a change, and no longer by the old ones', async () => {
    const id = await create('carl', { title: 'Pay invoice', description: 'the plumber', tags: ['work'] });

    expect((await kit.call('carl', 'PUT', `/tasks/${id}`, { title: 'Book flight', description: 'to Lisbon', tags: ['travel'] })).status).toBe(200);

    expect(await titles('carl', 'q=invoice')).toEqual([]);
    expect(await titles('carl', 'q=plumb')).toEqual([]);
    expect(await titles('carl', 'tag=work')).toEqual([]);
    expect(await titles('carl', 'q=flig')).toEqual(['Book flight']);
    expect(await titles('carl', 'q=lisbon')).toEqual(['Book flight']);
    expect(await titles('carl', 'tag=travel&q=book')).toEqual(['Book flight']);
  });
});

describe('GET /tasks due filters, whatever the sort', () => {
  const SORTS = ['dueAt', '-dueAt', 'priority', '-priority', 'createdAt', '-createdAt', 'title', '-title'];
  const HOUR_MS = 3_600_000;
  const at = (hours: number) => new Date(kit.clock.now().getTime() + hours * HOUR_MS).toISOString();

  beforeAll(async () => {
    await create('dora', { title: 'undated' });
    await create('dora', { title: 'late', dueAt: at(-5) });
    await create('dora', { title: 'soon', dueAt: at(2) });
    await create('dora', { title: 'later', dueAt: at(48) });
    const done = await create('dora', { title: 'late but done', dueAt: at(-3) });
    expect((await kit.call('dora', 'POST', `/tasks/${done}/complete`)).status).toBe(200);
  });

  it.each(SORTS)('select the same tasks sorted by %s: undated tasks never in a due range, done ones never overdue', async (sort) => {
    const set = async (query: string) => (await titles('dora', `sort=${sort}&${query}`)).sort();

    expect(await set(`dueBefore=${encodeURIComponent(at(0))}`)).toEqual(['late', 'late but done']);
    expect(await set(`dueAfter=${encodeURIComponent(at(-3))}`)).toEqual(['late but done', 'later', 'soon']);
    expect(await set(`dueAfter=${encodeURIComponent(at(-4))}&dueBefore=${encodeURIComponent(at(48))}`)).toEqual(['late but done', 'soon']);
    expect(await set('overdue=true')).toEqual(['late']);
    expect(await set('overdue=false')).toEqual(['late but done', 'later', 'soon', 'undated']);
    expect(await set('overdue=true&status=pending')).toEqual(['late']);
    expect(await set('status=pending')).toEqual(['late', 'later', 'soon', 'undated']);
  });
});
