import { describe, expect, it } from 'vitest';
import { groupCommit, type WriteBatch } from './group-commit';

interface Item {
  id: string;
}
const anItem = (id: string): Item => ({ id });

/**
 * A batch writer whose transactions the test finishes by hand: it records each batch and holds it
 * until `finish()`; items whose id starts with `bad` make their batch fail, as refused data does.
 */
function aHeldWriter() {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const write: WriteBatch<Item, { note: string }> = (items) => {
    batches.push(items.map((item) => item.id));
    return new Promise((resolve, reject) => {
      pending.push(() => {
        if (items.some((item) => item.id.startsWith('bad'))) reject(Object.assign(new Error('invalid byte sequence'), { code: '22021' }));
        else resolve(items.map((item) => ({ note: item.id })));
      });
    });
  };
  /** Lets the oldest held transaction finish, then lets the group commit react. */
  const finish = async () => {
    pending.shift()!();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { write, batches, finish, held: () => pending.length };
}

describe('group commit', () => {
  it('writes an item at once when no transaction is in flight', async () => {
    const writer = aHeldWriter();
    const append = groupCommit(writer.write);

    const appended = append(anItem('a'));

    expect(writer.batches).toEqual([['a']]);
    await writer.finish();
    await expect(appended).resolves.toEqual({ note: 'a' });
  });

  it('writes the items that arrived during a transaction together in the next, each answered with its own result', async () => {
    const writer = aHeldWriter();
    const append = groupCommit(writer.write);
    const first = append(anItem('a'));
    const later = ['b', 'c', 'd'].map((id) => append(anItem(id)));
    expect(writer.batches).toEqual([['a']]);

    await writer.finish();
    expect(writer.batches).toEqual([['a'], ['b', 'c', 'd']]);
    await writer.finish();

    await expect(first).resolves.toMatchObject({ note: 'a' });
    expect(await Promise.all(later)).toMatchObject([{ note: 'b' }, { note: 'c' }, { note: 'd' }]);
    expect(writer.held()).toBe(0);
  });

  it('never puts more than maxBatch items into one transaction', async () => {
    const writer = aHeldWriter();
    const append = groupCommit(writer.write, { maxBatch: 2 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((id) => append(anItem(id)));

    while (writer.held() > 0) await writer.finish();

    expect(writer.batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
    expect(await Promise.all(all)).toHaveLength(5);
  });

  it('writes a failed batch again item by item, so only the item at fault fails', async () => {
    const writer = aHeldWriter();
    const append = groupCommit(writer.write);
    const first = append(anItem('a'));
    const batch = ['b', 'bad', 'c'].map((id) => append(anItem(id)));
    const settled = Promise.allSettled(batch);

    while (writer.held() > 0) await writer.finish();

    await first;
    expect(writer.batches).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
    expect((await settled).map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await expect(batch[1]).rejects.toMatchObject({ code: '22021' });
  });

  it('starts writing again after an idle moment', async () => {
    const writer = aHeldWriter();
    const append = groupCommit(writer.write);
    const a = append(anItem('a'));
    await writer.finish();
    await a;

    const b = append(anItem('b'));
    expect(writer.batches).toEqual([['a'], ['b']]);
    await writer.finish();
    await expect(b).resolves.toMatchObject({ note: 'b' });
  });
});
