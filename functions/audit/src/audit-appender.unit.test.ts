import { describe, expect, it } from 'vitest';
import { createAuditAppender, type WriteBatch } from './audit-appender';
import type { AuditEntry } from './audit-record';
import type { AppendResult } from './chain-batch';

const anEntry = (eventId: string) => ({ eventId }) as AuditEntry;

/**
 * A batch writer whose transactions the test finishes by hand: it records each batch and holds it
 * until `finish()`; entries whose id starts with `bad` make their batch fail, as refused data does.
 */
function aHeldWriter() {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const write: WriteBatch = (entries) => {
    batches.push(entries.map((entry) => entry.eventId));
    return new Promise<AppendResult[]>((resolve, reject) => {
      pending.push(() => {
        if (entries.some((entry) => entry.eventId.startsWith('bad'))) reject(Object.assign(new Error('invalid byte sequence'), { code: '22021' }));
        else resolve(entries.map((entry) => ({ kind: 'duplicate', note: entry.eventId }) as unknown as AppendResult));
      });
    });
  };
  /** Lets the oldest held transaction finish, then lets the appender react. */
  const finish = async () => {
    pending.shift()!();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { write, batches, finish, held: () => pending.length };
}

describe('the group-commit appender', () => {
  it('writes an entry at once when no transaction is in flight', async () => {
    const writer = aHeldWriter();
    const appender = createAuditAppender(writer.write);

    const appended = appender.append(anEntry('a'));

    expect(writer.batches).toEqual([['a']]);
    await writer.finish();
    await expect(appended).resolves.toEqual({ kind: 'duplicate', note: 'a' });
  });

  it('writes the entries that arrived during a transaction together in the next, each answered with its own result', async () => {
    const writer = aHeldWriter();
    const appender = createAuditAppender(writer.write);
    const first = appender.append(anEntry('a'));
    const later = ['b', 'c', 'd'].map((id) => appender.append(anEntry(id)));
    expect(writer.batches).toEqual([['a']]);

    await writer.finish();
    expect(writer.batches).toEqual([['a'], ['b', 'c', 'd']]);
    await writer.finish();

    await expect(first).resolves.toMatchObject({ note: 'a' });
    expect(await Promise.all(later)).toMatchObject([{ note: 'b' }, { note: 'c' }, { note: 'd' }]);
    expect(writer.held()).toBe(0);
  });

  it('never puts more than maxBatch entries into one transaction', async () => {
    const writer = aHeldWriter();
    const appender = createAuditAppender(writer.write, { maxBatch: 2 });
    const all = ['a', 'b', 'c', 'd', 'e'].map((id) => appender.append(anEntry(id)));

    while (writer.held() > 0) await writer.finish();

    expect(writer.batches).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
    expect(await Promise.all(all)).toHaveLength(5);
  });

  it('writes a failed batch again entry by entry, so only the entry at fault fails', async () => {
    const writer = aHeldWriter();
    const appender = createAuditAppender(writer.write);
    const first = appender.append(anEntry('a'));
    const batch = ['b', 'bad', 'c'].map((id) => appender.append(anEntry(id)));
    const settled = Promise.allSettled(batch);

    while (writer.held() > 0) await writer.finish();

    await first;
    expect(writer.batches).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
    expect((await settled).map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await expect(batch[1]).rejects.toMatchObject({ code: '22021' });
  });

  it('starts writing again after an idle moment', async () => {
    const writer = aHeldWriter();
    const appender = createAuditAppender(writer.write);
    const a = appender.append(anEntry('a'));
    await writer.finish();
    await a;

    const b = appender.append(anEntry('b'));
    expect(writer.batches).toEqual([['a'], ['b']]);
    await writer.finish();
    await expect(b).resolves.toMatchObject({ note: 'b' });
  });
});
