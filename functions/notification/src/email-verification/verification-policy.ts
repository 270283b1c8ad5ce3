/** How email addresses are verified: code lifetime and tries, and how many verification mails may go out. */
export interface VerificationPolicy {
  /** How long a mailed code can be entered (default 15 minutes). */
  codeLifetimeMs: number;
  /** Wrong codes before the code is void (default 5). */
  maxAttempts: number;
  /** Verification mails one user may have sent in an hour, to any addresses (default 3). */
  mailsPerUserPerHour: number;
  /** Verification mails one address may receive in a day, asked for by any users (default 5). */
  mailsPerAddressPerDay: number;
}

export const DEFAULT_VERIFICATION_POLICY: VerificationPolicy = {
  codeLifetimeMs: 15 * 60_000,
  maxAttempts: 5,
  mailsPerUserPerHour: 3,
  mailsPerAddressPerDay: 5,
};

export const HOUR_MS = 60 * 60_000;
export const DAY_MS = 24 * HOUR_MS;
