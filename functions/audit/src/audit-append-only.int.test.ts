import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventType } from '#shared/events/catalog';
import { linkHash } from './audit-record';
import { type AuditRow, recordFromRow } from './audit-store';
import { type AuditKit, anEvent, startAuditKit } from '../test/audit-test-kit';

let kit: AuditKit;
beforeAll(async () => {
  kit = await startAuditKit();
});
afterAll(() => kit.stop());

let users = 0;
const aUser = () => `append-only-user-${++users}`;

const TYPES: EventType[] = ['dev.todo.task.created.v1', 'dev.todo.task.updated.v1', 'dev.todo.reminder.scheduled.v1', 'dev.todo.task.completed.v1', 'dev.todo.task.deleted.v1'];

/** A user with five records, appended one after another. */
async function aUserWithFiveRecords() {
  const userId = aUser();
  const events = TYPES.map((type) => anEvent(type, userId));
  for (const event of events) expect((await kit.deliver(event)).status).toBe(202);
  return { userId, eventIds: events.map((event) => event.id) };
}

/** Runs `statement` on the audit table with its append-only trigger off, as its owner could. */
async function tamper(statement: string, params: string[]) {
  const table = `${kit.schema}.audit_records`;
  await kit.sql.begin(async (tx) => {
    await tx.unsafe(`alter table ${table} disable trigger audit_records_append_only`);
    await tx.unsafe(statement.replace('{{table}}', table), params);
    await tx.unsafe(`alter table ${table} enable trigger audit_records_append_only`);
  });
}

const verify = async (userId: string) => (await kit.call(userId, 'GET', '/audit/verify')).body;

describe('the database keeps the log append-only', () => {
  it('refuses to update a record', async () => {
    const { userId } = await aUserWithFiveRecords();
    await expect(kit.sql.unsafe(`update ${kit.schema}.audit_records set data = '{}' where user_id = $1`, [userId])).rejects.toMatchObject({
      code: '42501',
      message: expect.stringContaining('append-only'),
    });
  });

  it('refuses to delete a record', async () => {
    const { userId } = await aUserWithFiveRecords();
    await expect(kit.sql.unsafe(`delete from ${kit.schema}.audit_records where user_id = $1 and sequence = 5`, [userId])).rejects.toMatchObject({ code: '42501' });
  });

  it('refuses to truncate the log', async () => {
    await aUserWithFiveRecords();
    await expect(kit.sql.unsafe(`truncate ${kit.schema}.audit_records`)).rejects.toMatchObject({ code: '42501' });
  });

  it('refuses to move a chain head back, past its last record, off its record\'s hash, or to remove it', async () => {
    const { userId } = await aUserWithFiveRecords();
    const rows = await kit.rowsOf(userId);
    const move = (sequence: number, hash: string) => kit.sql.unsafe(`update ${kit.schema}.chain_heads set sequence = $2, hash = $3 where user_id = $1`, [userId, sequence, hash]);
    await expect(move(3, rows[2]!.hash)).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('only advances') });
    await expect(move(6, rows[4]!.hash)).rejects.toMatchObject({ code: '42501' });
    await expect(move(5, rows[3]!.hash)).rejects.toMatchObject({ code: '42501' });
    await expect(kit.sql.unsafe(`delete from ${kit.schema}.chain_heads where user_id = $1`, [userId])).rejects.toMatchObject({ code: '42501' });
    expect(await verify(userId)).toEqual({ ok: true, records: 5 });
  });

  it('keeps every record after the refusals, and the chain verifies', async () => {
    const { userId, eventIds } = await aUserWithFiveRecords();
    await kit.sql.unsafe(`update ${kit.schema}.audit_records set data = '{}' where user_id = $1`, [userId]).catch(() => {});
    expect((await kit.rowsOf(userId)).map((row) => row.event_id)).toEqual(eventIds);
    expect(await verify(userId)).toEqual({ ok: true, records: 5 });
  });
});

describe('GET /audit/verify detects tampering', () => {
  it('reports a record whose data was edited, at its sequence', async () => {
    const { userId, eventIds } = await aUserWithFiveRecords();
    await tamper(`update {{table}} set data = jsonb_set(data, '{title}', '"Forged"') where user_id = $1 and sequence = 3`, [userId]);
    expect(await verify(userId)).toEqual({
      ok: false,
      brokenAt: { sequence: 3, eventId: eventIds[2], reason: expect.stringContaining('does not match its hash') },
    });
  });

  it('reports an edited event time, user-visible metadata included', async () => {
    const { userId, eventIds } = await aUserWithFiveRecords();
    await tamper(`update {{table}} set event_time = event_time - interval '1 day' where user_id = $1 and sequence = 2`, [userId]);
    expect(await verify(userId)).toMatchObject({ ok: false, brokenAt: { sequence: 2, eventId: eventIds[1] } });
  });

  it('reports a record rewritten together with a recomputed hash at the next link', async () => {
    const { userId, eventIds } = await aUserWithFiveRecords();
    const stored = recordFromRow((await kit.rowsOf(userId))[1] as unknown as AuditRow);
    const forged = { ...stored, type: 'dev.todo.task.deleted.v1' };
    await tamper(`update {{table}} set type = $2, hash = $3 where user_id = $1 and sequence = 2`, [userId, forged.type, linkHash(forged.prevHash, forged)]);
    expect(await verify(userId)).toEqual({
      ok: false,
      brokenAt: { sequence: 3, eventId: eventIds[2], reason: 'prevHash does not match the hash of record 2' },
    });
  });

  it('reports a record removed from the middle', async () => {
    const { userId } = await aUserWithFiveRecords();
    await tamper(`delete from {{table}} where user_id = $1 and sequence = 4`, [userId]);
    expect(await verify(userId)).toEqual({ ok: false, brokenAt: { sequence: 4, eventId: null, reason: expect.stringContaining('record 4 is missing') } });
  });

  it('reports the last record removed, through the chain head', async () => {
    const { userId } = await aUserWithFiveRecords();
    await tamper(`delete from {{table}} where user_id = $1 and sequence = 5`, [userId]);
    expect(await verify(userId)).toEqual({ ok: false, brokenAt: { sequence: 5, eventId: null, reason: expect.stringContaining('records 5 to 5 are missing') } });
  });

  it('leaves other users\' chains intact, and the trigger works again afterwards', async () => {
    const alice = await aUserWithFiveRecords();
    const bob = await aUserWithFiveRecords();
    await tamper(`update {{table}} set subject = 'forged' where user_id = $1 and sequence = 1`, [alice.userId]);
    expect(await verify(alice.userId)).toMatchObject({ ok: false, brokenAt: { sequence: 1, eventId: alice.eventIds[0] } });
    expect(await verify(bob.userId)).toEqual({ ok: true, records: 5 });
    await expect(kit.sql.unsafe(`update ${kit.schema}.audit_records set subject = 'again' where user_id = $1`, [bob.userId])).rejects.toMatchObject({ code: '42501' });
  });
});
