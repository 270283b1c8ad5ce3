import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aTask, aTaskCreated, eventContext } from '#shared/testing/event-fixtures';
import { type AuditEntry, type AuditRecord, auditEntry, chainRecord, EMPTY_CHAIN, GENESIS_HASH, hashedContent, taskIdOf } from './audit-record';
import { verifyChain } from './verify-chain';

const RECEIVED = new Date('2026-05-01T09:00:05Z');

function anEntry(index: number, userId = 'alice'): AuditEntry {
  return {
    userId,
    eventId: `evt-${index}`,
    source: '/functions/task',
    type: 'dev.todo.task.updated.v1',
    subject: 'task-1',
    taskId: 'task-1',
    time: `2026-05-01T09:00:0${index % 10}.000Z`,
    receivedAt: RECEIVED.toISOString(),
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    data: { changed: ['title'], title: `title ${index}` },
  };
}

/** A chain of `length` records for one user, as the store appends them. */
function aChain(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let i = 1; i <= length; i++) records.push(chainRecord(anEntry(i), records.at(-1) ?? EMPTY_CHAIN));
  return records;
}

const headOf = (records: AuditRecord[]) => ({ sequence: records.at(-1)!.sequence, hash: records.at(-1)!.hash });

describe('an audit entry', () => {
  it('keeps the event identity, its user, times in UTC, trace context and data', () => {
    const event = aTaskCreated(aTask(), eventContext({ userId: 'alice' }));
    expect(auditEntry({ ...event, time: '2026-05-01T11:00:00.000123+02:00' }, RECEIVED)).toEqual({
      userId: 'alice',
      eventId: event.id,
      source: '/functions/task',
      type: 'dev.todo.task.created.v1',
      subject: event.subject,
      taskId: event.data.task.id,
      time: '2026-05-01T09:00:00.000Z',
      receivedAt: '2026-05-01T09:00:05.000Z',
      traceparent: event.traceparent,
      data: event.data,
    });
  });

  it('finds the task in data.task or data.taskId, and none when there is none', () => {
    const event = aTaskCreated(aTask(), eventContext());
    expect(taskIdOf(event)).toBe(event.data.task.id);
    expect(taskIdOf({ ...event, data: { taskId: 'b' } } as never)).toBe('b');
    expect(taskIdOf({ ...event, data: { taskId: null } } as never)).toBeNull();
    expect(taskIdOf({ ...event, data: { title: 'no task yet' } } as never)).toBeNull();
  });
});

describe('a chain record', () => {
  it('is the next sequence, points at the head, and stores sha256(prevHash || canonical content)', () => {
    const [first, second] = aChain(2) as [AuditRecord, AuditRecord];
    expect(first).toMatchObject({ sequence: 1, prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ sequence: 2, prevHash: first.hash });
    const expected = createHash('sha256').update(first.hash + hashedContent(second)).digest('hex');
    expect(second.hash).toBe(expected);
    expect(hashedContent(second)).toMatch(/^\{"data":\{"changed":\["title"\],"title":"title 2"\},"eventId":"evt-2",/);
  });

  it('covers its sequence and user: the same entry elsewhere hashes differently', () => {
    const entry = anEntry(1);
    expect(chainRecord(entry, EMPTY_CHAIN).hash).not.toBe(chainRecord({ ...entry, userId: 'bob' }, EMPTY_CHAIN).hash);
    expect(chainRecord(entry, EMPTY_CHAIN).hash).not.toBe(chainRecord(entry, { sequence: 1, hash: GENESIS_HASH }).hash);
  });
});

describe('verifying a chain', () => {
  it('accepts an intact chain and counts its records', () => {
    const chain = aChain(5);
    expect(verifyChain(chain, headOf(chain))).toEqual({ ok: true, records: 5 });
  });

  it('accepts a user with no records', () => {
    expect(verifyChain([], null)).toEqual({ ok: true, records: 0 });
  });

  it('reports an edited record at its own sequence', () => {
    const chain = aChain(5);
    chain[2] = { ...chain[2]!, data: { changed: ['title'], title: 'forged' } };
    expect(verifyChain(chain, headOf(chain))).toEqual({
      ok: false,
      brokenAt: { sequence: 3, eventId: 'evt-3', reason: expect.stringContaining('does not match its hash') },
    });
  });

  it('reports an edited record whose hash was recomputed at the next link', () => {
    const chain = aChain(5);
    const forged = { ...anEntry(3), data: { forged: true } };
    chain[2] = chainRecord(forged, chain[1]!);
    expect(verifyChain(chain, headOf(aChain(5)))).toEqual({
      ok: false,
      brokenAt: { sequence: 4, eventId: 'evt-4', reason: 'prevHash does not match the hash of record 3' },
    });
  });

  it('reports a record removed from the middle as missing', () => {
    const chain = aChain(5);
    const head = headOf(chain);
    chain.splice(1, 1);
    expect(verifyChain(chain, head)).toEqual({ ok: false, brokenAt: { sequence: 2, eventId: null, reason: expect.stringContaining('record 2 is missing') } });
  });

  it('reports records removed from the end through the chain head', () => {
    const chain = aChain(5);
    expect(verifyChain(chain.slice(0, 3), headOf(chain))).toEqual({ ok: false, brokenAt: { sequence: 4, eventId: null, reason: expect.stringContaining('records 4 to 5 are missing') } });
  });

  it('reports a last record rewritten with its hash through the chain head', () => {
    const chain = aChain(3);
    const head = headOf(chain);
    chain[2] = chainRecord({ ...anEntry(3), data: { forged: true } }, chain[1]!);
    expect(verifyChain(chain, head)).toEqual({ ok: false, brokenAt: { sequence: 3, eventId: 'evt-3', reason: expect.stringContaining('chain head') } });
  });

  it('reports records beyond the chain head', () => {
    const chain = aChain(3);
    expect(verifyChain(chain, headOf(chain.slice(0, 2)))).toEqual({ ok: false, brokenAt: { sequence: 3, eventId: 'evt-3', reason: expect.stringContaining('beyond the chain head') } });
  });
});
