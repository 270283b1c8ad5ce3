import { DAY_MS, HOUR_MS, type VerificationPolicy } from './verification-policy';

/** A code mailed and not yet used up. */
export interface PendingCode {
  address: string;
  expiresAt: Date;
  attempts: number;
}

export type MailDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: string };

/**
 * Whether one more verification mail may go out, given when the user's (last hour) and the
 * address's (last day) earlier ones went, newest first; if not, when the next one may.
 */
export function decideVerificationMail(sent: { byUser: readonly Date[]; toAddress: readonly Date[] }, now: Date, policy: VerificationPolicy): MailDecision {
  const limits = [
    { times: sent.byUser, limit: policy.mailsPerUserPerHour, windowMs: HOUR_MS, reason: `at most ${policy.mailsPerUserPerHour} verification mails per hour` },
    { times: sent.toAddress, limit: policy.mailsPerAddressPerDay, windowMs: DAY_MS, reason: `at most ${policy.mailsPerAddressPerDay} verification mails per day to one address` },
  ];
  for (const { times, limit, windowMs, reason } of limits) {
    const inWindow = times.filter((time) => now.getTime() - time.getTime() < windowMs);
    if (inWindow.length < limit) continue;
    // The limit-th newest mail has to leave the window before another one fits.
    const freeAt = inWindow[limit - 1]!.getTime() + windowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
    return { allowed: false, retryAfterSeconds, reason: `${reason}; try again in ${retryAfterSeconds} s` };
  }
  return { allowed: true };
}

export type CodeEntry =
  | { outcome: 'verified' }
  | { outcome: 'wrong'; triesLeft: number }
  | { outcome: 'expired' }
  /** No code waits for the user's current, unverified address. */
  | { outcome: 'none' };

/** What entering a code does: `codeMatches` is the constant-time comparison of its hash with the pending one's. */
export function decideCodeEntry(pending: PendingCode | null, current: { address: string; verified: boolean } | null, codeMatches: boolean, now: Date, policy: VerificationPolicy): CodeEntry {
  if (!pending || !current || current.verified || pending.address !== current.address || pending.attempts >= policy.maxAttempts) return { outcome: 'none' };
  if (now >= pending.expiresAt) return { outcome: 'expired' };
  if (codeMatches) return { outcome: 'verified' };
  return { outcome: 'wrong', triesLeft: policy.maxAttempts - pending.attempts - 1 };
}
