import type { Hono } from 'hono';
import * as z from 'zod/mini';
import type { SignedInEnv } from '#shared/http/auth';
import { Problem } from '#shared/http/problem';
import { readJson } from '#shared/http/read-json';
import type { NotificationDeps } from '../notification-deps';
import { preferencesView } from '../preferences';
import type { CodeEntry } from './decide-verification';
import { requestVerificationCode, verifyEmailCode } from './verification-commands';

export const VerifyEmail = z.strictObject({ code: z.string().check(z.regex(/^\d{6}$/, 'must be the 6-digit code from the mail')) });

const ASK_AGAIN = 'POST /notifications/preferences/email/verification';

function wrongCode(entry: Exclude<CodeEntry, { outcome: 'verified' }>): Problem {
  if (entry.outcome === 'none') return new Problem(409, 'Conflict', `no verification code is pending for your email address; ask for one with ${ASK_AGAIN}`);
  const message =
    entry.outcome === 'expired'
      ? 'has expired; ask for a new code'
      : `is not the code we sent; ${entry.triesLeft === 0 ? 'no tries left: ask for a new code' : `${entry.triesLeft} ${entry.triesLeft === 1 ? 'try' : 'tries'} left`}`;
  return new Problem(422, 'Unprocessable Content', 'the code does not verify your email address', [{ field: 'code', message }]);
}

/** Proving an email address is the user's: a code mailed to it, entered back through the API. */
export function mountEmailVerificationRoutes(app: Hono<SignedInEnv>, deps: NotificationDeps): void {
  app.post('/notifications/preferences/email/verification', async (c) => {
    const result = await requestVerificationCode(deps, c.var.user.id);
    switch (result.kind) {
      case 'sent':
        return c.json({ address: result.address, expiresAt: result.expiresAt.toISOString() }, 202);
      case 'limited':
        c.header('Retry-After', String(result.retryAfterSeconds));
        throw new Problem(429, 'Too Many Requests', result.reason);
      case 'no-address':
        throw new Problem(409, 'Conflict', 'there is no email address in your notification preferences');
      case 'already-verified':
        throw new Problem(409, 'Conflict', 'your email address is already verified');
      case 'no-mail':
        throw new Problem(409, 'Conflict', 'this server sends no email (SMTP_URL is not set)');
      case 'mail-failed':
        throw new Problem(502, 'Bad Gateway', `the mail server did not take the verification mail: ${result.reason}`);
    }
  });

  app.post('/notifications/preferences/email/verify', async (c) => {
    const { code } = await readJson(c, VerifyEmail);
    const { entry, preferences } = await verifyEmailCode(deps, c.var.user.id, code);
    if (entry.outcome !== 'verified') throw wrongCode(entry);
    return c.json(preferencesView(preferences));
  });
}
