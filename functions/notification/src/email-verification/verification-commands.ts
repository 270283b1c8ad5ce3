import type { NotificationDeps } from '../notification-deps';
import type { Preferences } from '../preferences';
import { loadPreferences, lockPreferences, markEmailVerified } from '../preferences-store';
import { type CodeEntry, decideCodeEntry, decideVerificationMail } from './decide-verification';
import { addressKey, hashVerificationCode, newVerificationCode, sameCodeHash } from './verification-code';
import { DEFAULT_VERIFICATION_POLICY as POLICY } from './verification-policy';
import { countWrongAttempt, deletePendingCode, loadPendingCode, lockAddress, recordVerificationMail, savePendingCode, verificationMailsSent } from './verification-store';

export type VerificationRequest =
  | { kind: 'sent'; address: string; expiresAt: Date }
  | { kind: 'limited'; retryAfterSeconds: number; reason: string }
  | { kind: 'no-address' }
  | { kind: 'already-verified' }
  | { kind: 'no-mail' }
  | { kind: 'mail-failed'; reason: string };

type Deps = Pick<NotificationDeps, 'sql' | 'schema' | 'clock' | 'log' | 'mailer'>;

/**
 * Mails a new code to the user's unverified address, within the limits per user and per address
 * (the mail counts against them even when the mail server then fails, so failures cannot be used
 * to get around them). A new code replaces the one before.
 */
export async function requestVerificationCode(deps: Deps, userId: string): Promise<VerificationRequest> {
  const { mailer, schema } = deps;
  if (!mailer) return { kind: 'no-mail' };
  const now = deps.clock();
  const code = newVerificationCode();
  const planned = await deps.sql.begin(async (tx): Promise<VerificationRequest> => {
    await lockPreferences(tx, schema, userId);
    const { email } = await loadPreferences(tx, schema, userId);
    if (!email) return { kind: 'no-address' };
    if (email.verifiedAt) return { kind: 'already-verified' };
    const key = addressKey(email.address);
    await lockAddress(tx, schema, key);
    const decision = decideVerificationMail(await verificationMailsSent(tx, schema, userId, key, now), now, POLICY);
    if (!decision.allowed) return { kind: 'limited', retryAfterSeconds: decision.retryAfterSeconds, reason: decision.reason };
    await recordVerificationMail(tx, schema, userId, key, now);
    const expiresAt = new Date(now.getTime() + POLICY.codeLifetimeMs);
    await savePendingCode(tx, schema, userId, { address: email.address, codeHash: hashVerificationCode({ userId, address: email.address, code }), expiresAt, now });
    return { kind: 'sent', address: email.address, expiresAt };
  });
  if (planned.kind !== 'sent') return planned;
  try {
    await mailer.sendVerificationCode({ to: planned.address, code, validMinutes: POLICY.codeLifetimeMs / 60_000 });
  } catch (error) {
    deps.log.warn({ err: error }, 'verification mail not sent');
    return { kind: 'mail-failed', reason: (error as Error).message };
  }
  return planned;
}

/**
 * Checks a code the user entered against the one mailed to their current address: a right one
 * verifies the address and is used up; a wrong one counts, and the last allowed wrong one voids
 * the code; an expired one is void.
 */
export async function verifyEmailCode(deps: Deps, userId: string, code: string): Promise<{ entry: CodeEntry; preferences: Preferences }> {
  const { schema } = deps;
  const now = deps.clock();
  return deps.sql.begin(async (tx) => {
    await lockPreferences(tx, schema, userId);
    const preferences = await loadPreferences(tx, schema, userId);
    const pending = await loadPendingCode(tx, schema, userId);
    const { email } = preferences;
    const matches = !!pending && sameCodeHash(hashVerificationCode({ userId, address: pending.address, code }), pending.codeHash);
    const entry = decideCodeEntry(pending, email && { address: email.address, verified: email.verifiedAt !== null }, matches, now, POLICY);
    if (entry.outcome === 'verified' && email) {
      await deletePendingCode(tx, schema, userId);
      await markEmailVerified(tx, schema, userId, email.address, now);
      return { entry, preferences: { ...preferences, email: { address: email.address, verifiedAt: now.toISOString() } } };
    }
    if (entry.outcome === 'expired' || (entry.outcome === 'wrong' && entry.triesLeft === 0)) await deletePendingCode(tx, schema, userId);
    else if (entry.outcome === 'wrong') await countWrongAttempt(tx, schema, userId);
    return { entry, preferences };
  });
}
