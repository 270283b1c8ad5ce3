import type { Sql, TransactionSql } from '#shared/db/connect';
import type { PendingCode } from './decide-verification';
import { DAY_MS, HOUR_MS } from './verification-policy';

type Db = Sql | TransactionSql;

interface PendingRow {
  address: string;
  code_hash: string;
  expires_at: Date;
  attempts: number;
}

/** Serialises the mail limit of one address over all users; take it after the user's lock. */
export async function lockAddress(tx: TransactionSql, schema: string, addressKey: string): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtext(${`verification-mail:${schema}:${addressKey}`}))`;
}

/** The code waiting for the user, with its hash. */
export async function loadPendingCode(db: Db, schema: string, userId: string): Promise<(PendingCode & { codeHash: string }) | null> {
  const [row] = await db<PendingRow[]>`select address, code_hash, expires_at, attempts from ${db(`${schema}.email_verifications`)} where user_id = ${userId}`;
  return row ? { address: row.address, codeHash: row.code_hash, expiresAt: row.expires_at, attempts: row.attempts } : null;
}

/** Replaces whatever code the user had with a new one. */
export async function savePendingCode(db: Db, schema: string, userId: string, code: { address: string; codeHash: string; expiresAt: Date; now: Date }): Promise<void> {
  await db`
    insert into ${db(`${schema}.email_verifications`)} (user_id, address, code_hash, expires_at, attempts, created_at)
    values (${userId}, ${code.address}, ${code.codeHash}, ${code.expiresAt.toISOString()}, 0, ${code.now.toISOString()})
    on conflict (user_id) do update set address = excluded.address, code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0, created_at = excluded.created_at`;
}

export async function countWrongAttempt(db: Db, schema: string, userId: string): Promise<void> {
  await db`update ${db(`${schema}.email_verifications`)} set attempts = attempts + 1 where user_id = ${userId}`;
}

export async function deletePendingCode(db: Db, schema: string, userId: string): Promise<void> {
  await db`delete from ${db(`${schema}.email_verifications`)} where user_id = ${userId}`;
}

/** When verification mails went out, newest first: the user's in the last hour, the address's in the last day. */
export async function verificationMailsSent(db: Db, schema: string, userId: string, addressKey: string, now: Date): Promise<{ byUser: Date[]; toAddress: Date[] }> {
  const times = async (column: 'user_id' | 'address_key', value: string, windowMs: number) => {
    const since = new Date(now.getTime() - windowMs).toISOString();
    const rows = await db<{ sent_at: Date }[]>`
      select sent_at from ${db(`${schema}.verification_mails`)} where ${db(column)} = ${value} and sent_at > ${since} order by sent_at desc`;
    return rows.map((row) => row.sent_at);
  };
  return { byUser: await times('user_id', userId, HOUR_MS), toAddress: await times('address_key', addressKey, DAY_MS) };
}

/** Records a verification mail, and forgets those older than any limit looks back. */
export async function recordVerificationMail(db: Db, schema: string, userId: string, addressKey: string, now: Date): Promise<void> {
  const mails = db(`${schema}.verification_mails`);
  await db`delete from ${mails} where sent_at <= ${new Date(now.getTime() - DAY_MS).toISOString()}`;
  await db`insert into ${mails} (user_id, address_key, sent_at) values (${userId}, ${addressKey}, ${now.toISOString()})`;
}
