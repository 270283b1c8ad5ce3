import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '#shared/contracts/task';
import { startTaskKit, type TaskKit } from '../test/task-test-kit';

type Params = Record<string, string | string[]>;
interface Page {
  items: Task[];
  nextCursor: string | null;
}

let kit: TaskKit;
const bobIds = new Set<string>();

/**
 * Alice's tasks, created a minute apart (`bake bread` / `Read a book` and `Dairy run` / `BUY MILK` in
 * the same minute), so ties on every sort key exist. The kit clock ends at 2026-05-01T08:10:00Z.
 */
const ALICE = [
  { title: 'Buy milk', priority: 'high', tags: ['shopping'], dueAt: '2026-05-02T17:00:00+02:00' },
  { title: 'Call mom', priority: 'urgent', tags: ['family'], dueAt: '2026-04-30T18:00:00Z' },
  { title: 'File taxes', priority: 'urgent', tags: ['admin', 'money'], dueAt: '2026-05-10T09:00:00Z' },
  { title: 'Water the plants', priority: 'low', tags: ['home'] },
  { title: 'Pay rent', priority: 'high', tags: ['money', 'home'], dueAt: '2026-04-29T09:00:00Z' },
  { title: 'bake bread', description: 'need milk and flour', tags: ['shopping', 'home'], dueAt: '2026-05-02T15:00:00Z' },
  { title: 'Read a book', priority: 'low', sameMinute: true },
  { title: 'Renew passport', tags: ['admin'], dueAt: '2026-05-01T07:00:00Z' },
  { title: 'Dairy run', tags: ['milk'], dueAt: '2026-05-03T10:00:00Z' },
  { title: 'BUY MILK', priority: 'low', dueAt: '2026-05-02T15:00:00Z', sameMinute: true },
];
const BOB = [
  { title: 'Buy milk', priority: 'urgent', description: 'milk', tags: ['shopping', 'home', 'money', 'admin'], dueAt: '2026-04-30T10:00:00Z' },
  { title: 'Bake bread', priority: 'low', tags: ['shopping'] },
];

beforeAll(async () => {
  kit = await startTaskKit();
  for (const { sameMinute, ...task } of ALICE) {
    if (!sameMinute) kit.clock.advance(60_000);
    expect((await kit.call('alice', 'POST', '/tasks', task)).status).toBe(201);
  }
  kit.clock.advance(60_000);
  for (const task of BOB) bobIds.add((await kit.call('bob', 'POST', '/tasks', task)).body.id);
  kit.clock.advance(60_000);
  const rent = (await list({ q: 'rent' })).items[0]!;
  expect((await kit.call('alice', 'POST', `/tasks/${rent.id}/complete`)).status).toBe(200);
});
afterAll(() => kit.stop());

function pathOf(params: Params | [string, string][]): string {
  const search = new URLSearchParams();
  const entries = Array.isArray(params) ? params : Object.entries(params).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => [name, v]));
  for (const [name, value] of entries) search.append(name!, value!);
  const query = search.toString();
  return query ? `/tasks?${query}` : '/tasks';
}

/** Alice's page; fails the test if one of Bob's tasks ever shows up. */
async function list(params: Params = {}): Promise<Page> {
  const response = await kit.call('alice', 'GET', pathOf(params));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.body.items.filter((task: Task) => bobIds.has(task.id))).toEqual([]);
  return response.body;
}

const titles = (page: Page) => page.items.map((task) => task.title);
const sorted = (values: string[]) => [...values].sort();

/** Follows `nextCursor` to the end; checks every page but the last is full. */
async function walk(params: Params, limit: number): Promise<Task[]> {
  const seen: Task[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await list({ ...params, limit: String(limit), ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor) expect(page.items).toHaveLength(limit);
    seen.push(...page.items);
    cursor = page.nextCursor;
    expect(seen.length).toBeLessThan(100);
  } while (cursor);
  return seen;
}

async function problem(path: string) {
  const response = await kit.call('alice', 'GET', path);
  return { status: response.status, contentType: response.headers.get('content-type'), fields: (response.body.errors ?? []).map((e: { field: string }) => e.field) };
}

describe('GET /tasks full-text search', () => {
  it('matches each word as a prefix over title, description and tags, title and tag matches first', async () => {
    const page = await list({ q: 'mil' });

    expect(sorted(titles(page))).toEqual(sorted(['Buy milk', 'BUY MILK', 'Dairy run', 'bake bread']));
    expect(titles(page).at(-1)).toBe('bake bread');
  });

  it('ignores case and needs every word', async () => {
    expect(sorted(titles(await list({ q: 'MILK' })))).toEqual(sorted(['Buy milk', 'BUY MILK', 'Dairy run', 'bake bread']));
    expect(sorted(titles(await list({ q: 'buy mil' })))).toEqual(sorted(['Buy milk', 'BUY MILK']));
    expect(titles(await list({ q: 'flour' }))).toEqual(['bake bread']);
    expect(titles(await list({ q: 'admin pass' }))).toEqual(['Renew passport']);
  });

  it('finds nothing for a word nobody wrote, or a query without words', async () => {
    expect(await list({ q: 'zebra' })).toEqual({ items: [], nextCursor: null });
    expect(await list({ q: '!!! ::* &' })).toEqual({ items: [], nextCursor: null });
  });

  it('combines with filters and another sort', async () => {
    expect(titles(await list({ q: 'mil', sort: 'title' }))).toEqual(['bake bread', 'Buy milk', 'BUY MILK', 'Dairy run']);
    expect(titles(await list({ q: 'mil', priority: 'low' }))).toEqual(['BUY MILK']);
  });
});

describe('GET /tasks filters', () => {
  it('filters by status', async () => {
    expect(titles(await list({ status: 'completed' }))).toEqual(['Pay rent']);
    expect(titles(await list({ status: 'pending' }))).not.toContain('Pay rent');
    expect((await list({ status: 'pending' })).items).toHaveLength(ALICE.length - 1);
  });

  it('filters by priority, any of the ones given', async () => {
    expect(titles(await list({ priority: 'urgent' }))).toEqual(['Call mom', 'File taxes']);
    expect(titles(await list({ priority: ['urgent', 'low'] }))).toEqual(['Call mom', 'BUY MILK', 'File taxes', 'Water the plants', 'Read a book']);
  });

  it('filters by tag, all of the ones given', async () => {
    expect(titles(await list({ tag: 'shopping' }))).toEqual(['Buy milk', 'bake bread']);
    expect(titles(await list({ tag: ['shopping', 'home'] }))).toEqual(['bake bread']);
    expect(titles(await list({ tag: ['money'], status: 'pending' }))).toEqual(['File taxes']);
    expect(titles(await list({ tag: 'nothing-here' }))).toEqual([]);
  });

  it('filters by due time: dueBefore excludes the instant, dueAfter includes it, undated tasks never match', async () => {
    expect(titles(await list({ dueBefore: '2026-05-02T15:00:00Z' }))).toEqual(['Pay rent', 'Call mom', 'Renew passport']);
    expect(titles(await list({ dueAfter: '2026-05-02T17:00:00+02:00' }))).toEqual(['Buy milk', 'bake bread', 'BUY MILK', 'Dairy run', 'File taxes']);
    expect(titles(await list({ dueAfter: '2026-05-01T00:00:00Z', dueBefore: '2026-05-03T00:00:00+02:00' }))).toEqual(['Renew passport', 'Buy milk', 'bake bread', 'BUY MILK']);
  });

  it('filters by whether a task has a due time at all (hasDue)', async () => {
    expect(titles(await list({ hasDue: 'false' }))).toEqual(['Water the plants', 'Read a book']);
    expect(titles(await list({ hasDue: 'true' }))).not.toContain('Water the plants');
    expect((await list({ hasDue: 'true' })).items).toHaveLength(ALICE.length - 2);
  });

  it('lists pending tasks due before the clock’s now as overdue, and moves with the clock', async () => {
    expect(titles(await list({ overdue: 'true' }))).toEqual(['Call mom', 'Renew passport']);

    const before = kit.clock.now().toISOString();
    kit.clock.set('2026-05-02T16:00:00Z');
    try {
      expect(titles(await list({ overdue: 'true' }))).toEqual(['Call mom', 'Renew passport', 'Buy milk', 'bake bread', 'BUY MILK']);
    } finally {
      kit.clock.set(before);
    }
  });

  it('shows another user only their own tasks', async () => {
    const response = await kit.call('bob', 'GET', '/tasks?limit=200');

    expect(response.body.items.map((task: Task) => task.title)).toEqual(['Buy milk', 'Bake bread']);
  });
});

describe('GET /tasks sort', () => {
  it.each([
    ['dueAt', ['Pay rent', 'Call mom', 'Renew passport', 'Buy milk', 'bake bread', 'BUY MILK', 'Dairy run', 'File taxes', 'Water the plants', 'Read a book']],
    ['-dueAt', ['File taxes', 'Dairy run', 'BUY MILK', 'bake bread', 'Buy milk', 'Renew passport', 'Call mom', 'Pay rent', 'Read a book', 'Water the plants']],
    ['priority', ['Call mom', 'File taxes', 'Pay rent', 'Buy milk', 'Renew passport', 'bake bread', 'Dairy run', 'BUY MILK', 'Water the plants', 'Read a book']],
    ['-priority', ['BUY MILK', 'Water the plants', 'Read a book', 'Renew passport', 'bake bread', 'Dairy run', 'Pay rent', 'Buy milk', 'Call mom', 'File taxes']],
    ['createdAt', ['Buy milk', 'Call mom', 'File taxes', 'Water the plants', 'Pay rent', 'bake bread', 'Read a book', 'Renew passport', 'Dairy run', 'BUY MILK']],
    ['-createdAt', ['BUY MILK', 'Dairy run', 'Renew passport', 'Read a book', 'bake bread', 'Pay rent', 'Water the plants', 'File taxes', 'Call mom', 'Buy milk']],
    ['title', ['bake bread', 'Buy milk', 'BUY MILK', 'Call mom', 'Dairy run', 'File taxes', 'Pay rent', 'Read a book', 'Renew passport', 'Water the plants']],
    ['-title', ['Water the plants', 'Renew passport', 'Read a book', 'Pay rent', 'File taxes', 'Dairy run', 'Call mom', 'BUY MILK', 'Buy milk', 'bake bread']],
  ])('sorts by %s', async (sort, expected) => {
    expect(titles(await list({ sort }))).toEqual(expected);
  });

  it('sorts by due time, undated last, when no sort is given', async () => {
    expect(titles(await list())).toEqual(titles(await list({ sort: 'dueAt' })));
  });

  it('sorts by relevance when q is given, and on request', async () => {
    expect(titles(await list({ q: 'mil', sort: 'relevance' }))).toEqual(titles(await list({ q: 'mil' })));
    expect(titles(await list({ q: 'milk flour' }))).toEqual(['bake bread']);
  });
});

describe('GET /tasks pagination', () => {
  const SORTS = ['dueAt', '-dueAt', 'priority', '-priority', 'createdAt', '-createdAt', 'title', '-title'];

  it.each(SORTS.flatMap((sort) => [1, 3].map((limit) => [sort, limit] as const)))('walks every page sorted by %s, %i at a time, without duplicates or gaps', async (sort, limit) => {
    const all = await list({ sort, limit: '200' });

    const walked = await walk({ sort }, limit);

    expect(walked.map((task) => task.id)).toEqual(all.items.map((task) => task.id));
    expect(all.items).toHaveLength(ALICE.length);
    expect(all.nextCursor).toBeNull();
  });

  it.each([1, 2])('walks the relevance ranking %i at a time', async (limit) => {
    const all = await list({ q: 'mil' });

    expect((await walk({ q: 'mil' }, limit)).map((task) => task.id)).toEqual(all.items.map((task) => task.id));
  });

  it('keeps the filters across pages', async () => {
    const all = await list({ status: 'pending', tag: 'home', sort: 'priority' });

    expect((await walk({ status: 'pending', tag: 'home', sort: 'priority' }, 1)).map((task) => task.title)).toEqual(titles(all));
    expect(titles(all)).toEqual(['bake bread', 'Water the plants']);
  });

  it('defaults to 50 a page and ends with a null cursor', async () => {
    expect(await list()).toMatchObject({ nextCursor: null });
    expect((await list({ limit: '200' })).items).toHaveLength(ALICE.length);
  });
});

describe('GET /tasks refuses', () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it.each([
    ['one altered character', async () => (await list({ limit: '2' })).nextCursor!.replace(/^./, (c) => (c === 'x' ? 'y' : 'x')), {}],
    ['text that is not a cursor', async () => 'not-a-cursor', {}],
    ['JSON that is not a cursor', async () => encode(null), {}],
    ['a list for another sort', async () => (await list({ limit: '2', sort: 'createdAt' })).nextCursor!, { sort: 'priority' }],
    ['a relevance cursor for a keyset sort', async () => (await list({ q: 'mil', limit: '1' })).nextCursor!, { sort: 'title' }],
    ['a keyset cursor for relevance', async () => (await list({ limit: '1' })).nextCursor!, { q: 'mil' }],
    ['a value of the wrong type', async () => encode({ k: ['not a time', '0196a4f0-0000-7000-8000-000000000000'] }), {}],
    ['an id that is not a uuid', async () => encode({ k: ['2026-05-01 08:00:00+00', 'x'] }), {}],
    ['a negative offset', async () => encode({ o: -5 }), { q: 'mil' }],
  ])('a cursor made of %s, with 400 naming cursor', async (_case, cursorOf, params: Params) => {
    const cursor = await cursorOf();

    expect(await problem(pathOf({ ...params, cursor }))).toEqual({ status: 400, contentType: 'application/problem+json', fields: ['cursor'] });
  });

  it.each([
    ['an unknown parameter', [['colour', 'red']], 'colour'],
    ['an unknown sort', [['sort', 'bogus']], 'sort'],
    ['relevance without q', [['sort', 'relevance']], 'sort'],
    ['limit=0', [['limit', '0']], 'limit'],
    ['limit=1000', [['limit', '1000']], 'limit'],
    ['a limit that is not a number', [['limit', 'ten']], 'limit'],
    ['an unknown priority', [['priority', 'asap']], 'priority.0'],
    ['an unknown priority among known ones', [['priority', 'high'], ['priority', 'asap']], 'priority.1'],
    ['an unknown status', [['status', 'done']], 'status'],
    ['a tag that is not one', [['tag', 'Not A Tag']], 'tag.0'],
    ['a date that is not RFC 3339', [['dueBefore', 'yesterday']], 'dueBefore'],
    ['a date without an offset', [['dueAfter', '2026-05-01T10:00:00']], 'dueAfter'],
    ['a completion bound that is not RFC 3339', [['completedAfter', 'today']], 'completedAfter'],
    ['overdue=yes', [['overdue', 'yes']], 'overdue'],
    ['hasDue=maybe', [['hasDue', 'maybe']], 'hasDue'],
    ['an empty q', [['q', '']], 'q'],
    ['a single-valued parameter given twice', [['status', 'pending'], ['status', 'completed']], 'status'],
    ['sort given twice', [['sort', 'title'], ['sort', 'title']], 'sort'],
  ] as [string, [string, string][], string][])('%s, with 422 naming the parameter', async (_case, params, field) => {
    expect(await problem(pathOf(params))).toEqual({ status: 422, contentType: 'application/problem+json', fields: [field] });
  });
});

describe('GET /tasks by when tasks were completed', () => {
  it('completedBefore excludes the instant, completedAfter includes it, pending tasks never match', async () => {
    const ids: Record<string, string> = {};
    for (const title of ['Mow the lawn', 'Sweep the yard', 'Wash the car']) ids[title] = (await kit.call('carol', 'POST', '/tasks', { title })).body.id;
    kit.clock.set('2026-05-04T09:00:00Z');
    await kit.call('carol', 'POST', `/tasks/${ids['Mow the lawn']}/complete`);
    kit.clock.set('2026-05-05T09:00:00Z');
    await kit.call('carol', 'POST', `/tasks/${ids['Sweep the yard']}/complete`);
    const carol = async (params: Params) => ((await kit.call('carol', 'GET', pathOf(params))).body as Page).items.map((task) => task.title);

    expect(await carol({ completedAfter: '2026-05-05T09:00:00Z' })).toEqual(['Sweep the yard']);
    expect(await carol({ completedBefore: '2026-05-05T09:00:00Z' })).toEqual(['Mow the lawn']);
    expect(await carol({ completedAfter: '2026-05-04T00:00:00+02:00', completedBefore: '2026-05-06T00:00:00+02:00' })).toEqual(['Mow the lawn', 'Sweep the yard']);
    expect(await carol({ completedAfter: '2026-05-06T00:00:00Z' })).toEqual([]);
  });
});
