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
  await tx.unsafe(`select pg_advisory_xact_lock(hashtext($1))`, [`verification-mail:${schema}:${addressKey}`]);
}

/** The code waiting for the user, with its hash. */
export async function loadPendingCode(db: Db, schema: string, userId: string): Promise<(PendingCode & { codeHash: string }) | null> {
  const [row] = (await db.unsafe(`select address, code_hash, expires_at, attempts from ${schema}.email_verifications where user_id = $1`, [userId])) as unknown as PendingRow[];
  return row ? { address: row.address, codeHash: row.code_hash, expiresAt: row.expires_at, attempts: row.attempts } : null;
}

/** Replaces whatever code the user had with a new one. */
export async function savePendingCode(db: Db, schema: string, userId: string, code: { address: string; codeHash: string; expiresAt: Date; now: Date }): Promise<void> {
  await db.unsafe(
    `insert into ${schema}.email_verifications (user_id, address, code_hash, expires_at, attempts, created_at) values ($1, $2, $3, $4, 0, $5)
     on conflict (user_id) do update set address = excluded.address, code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0, created_at = excluded.created_at`,
    [userId, code.address, code.codeHash, code.expiresAt.toISOString(), code.now.toISOString()],
  );
}

export async function countWrongAttempt(db: Db, schema: string, userId: string): Promise<void> {
  await db.unsafe(`update ${schema}.email_verifications set attempts = attempts + 1 where user_id = $1`, [userId]);
}

export async function deletePendingCode(db: Db, schema: string, userId: string): Promise<void> {
  await db.unsafe(`delete from ${schema}.email_verifications where user_id = $1`, [userId]);
}

/** When verification mails went out, newest first: the user's in the last hour, the address's in the last day. */
export async function verificationMailsSent(db: Db, schema: string, userId: string, addressKey: string, now: Date): Promise<{ byUser: Date[]; toAddress: Date[] }> {
  const times = async (column: 'user_id' | 'address_key', value: string, windowMs: number) =>
    ((await db.unsafe(`select sent_at from ${schema}.verification_mails where ${column} = $1 and sent_at > $2 order by sent_at desc`, [value, new Date(now.getTime() - windowMs).toISOString()])) as unknown as { sent_at: Date }[]).map(
      (row) => row.sent_at,
    );
  return { byUser: await times('user_id', userId, HOUR_MS), toAddress: await times('address_key', addressKey, DAY_MS) };
}

/** Records a verification mail, and forgets those older than any limit looks back. */
export async function recordVerificationMail(db: Db, schema: string, userId: string, addressKey: string, now: Date): Promise<void> {
  await db.unsafe(`delete from ${schema}.verification_mails where sent_at <= $1`, [new Date(now.getTime() - DAY_MS).toISOString()]);
  await db.unsafe(`insert into ${schema}.verification_mails (user_id, address_key, sent_at) values ($1, $2, $3)`, [userId, addressKey, now.toISOString()]);
}
