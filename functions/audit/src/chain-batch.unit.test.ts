import { describe, expect, it } from 'vitest';
import { type AuditEntry, type ChainHead, chainRecord, EMPTY_CHAIN } from './audit-record';
import { eventKey, planBatch } from './chain-batch';
import { verifyChain } from './verify-chain';

function anEntry(eventId: string, userId = 'alice'): AuditEntry {
  return {
    userId,
    eventId,
    source: '/functions/task',
    type: 'dev.todo.task.updated.v1',
    subject: 'task-1',
    taskId: 'task-1',
    time: '2026-05-01T09:00:00.000Z',
    receivedAt: '2026-05-01T09:00:01.000Z',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    data: { eventId },
  };
}

const heads = (entries: [string, ChainHead][]) => new Map(entries);

describe('planning a batch of appends', () => {
  it('links each user\'s entries in order onto that user\'s head, and reports the new heads', () => {
    const earlier = chainRecord(anEntry('b-0', 'bob'), EMPTY_CHAIN);
    const bobHead = { sequence: earlier.sequence, hash: earlier.hash };
    const entries = [anEntry('a-1'), anEntry('b-1', 'bob'), anEntry('a-2'), anEntry('a-3')];

    const plan = planBatch(entries, heads([['alice', EMPTY_CHAIN], ['bob', bobHead]]), new Set());

    expect(plan.results.map((result) => result.kind === 'appended' && [result.record.userId, result.record.sequence])).toEqual([
      ['alice', 1], ['bob', 2], ['alice', 2], ['alice', 3],
    ]);
    const alice = plan.records.filter((record) => record.userId === 'alice');
    expect(verifyChain(alice, plan.heads.get('alice')!)).toEqual({ ok: true, records: 3 });
    expect(verifyChain([earlier, ...plan.records.filter((record) => record.userId === 'bob')], plan.heads.get('bob')!)).toEqual({ ok: true, records: 2 });
  });

  it('links exactly as appending the entries one at a time would', () => {
    const entries = [anEntry('1'), anEntry('2'), anEntry('3')];
    const oneByOne = entries.reduce<ReturnType<typeof chainRecord>[]>((chain, entry) => [...chain, chainRecord(entry, chain.at(-1) ?? EMPTY_CHAIN)], []);
    expect(planBatch(entries, heads([['alice', EMPTY_CHAIN]]), new Set()).records).toEqual(oneByOne);
  });

  it('appends nothing for an event already recorded, or repeated within the batch, and keeps the chain gapless', () => {
    const entries = [anEntry('old'), anEntry('new'), anEntry('new'), anEntry('newer')];

    const plan = planBatch(entries, heads([['alice', EMPTY_CHAIN]]), new Set([eventKey(anEntry('old'))]));

    expect(plan.results.map((result) => result.kind)).toEqual(['duplicate', 'appended', 'duplicate', 'appended']);
    expect(plan.records.map((record) => [record.eventId, record.sequence])).toEqual([['new', 1], ['newer', 2]]);
    expect(plan.heads.get('alice')).toEqual({ sequence: 2, hash: plan.records[1]!.hash });
  });

  it('tells events apart by source and id together', () => {
    const fromReminder = { ...anEntry('same-id'), source: '/functions/reminder' };
    const plan = planBatch([anEntry('same-id'), fromReminder], heads([['alice', EMPTY_CHAIN]]), new Set());
    expect(plan.results.map((result) => result.kind)).toEqual(['appended', 'appended']);
  });

  it('advances no head when every entry is a duplicate', () => {
    const plan = planBatch([anEntry('x')], heads([['alice', EMPTY_CHAIN]]), new Set([eventKey(anEntry('x'))]));
    expect(plan).toEqual({ results: [{ kind: 'duplicate' }], records: [], heads: new Map() });
  });

  it('refuses an entry whose user has no head (the store locks every head of the batch first)', () => {
    expect(() => planBatch([anEntry('1', 'carol')], heads([['alice', EMPTY_CHAIN]]), new Set())).toThrow('no chain head for user carol');
  });
});
