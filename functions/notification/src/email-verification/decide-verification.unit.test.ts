import { describe, expect, it } from 'vitest';
import { decideCodeEntry, decideVerificationMail, type PendingCode } from './decide-verification';
import { DEFAULT_VERIFICATION_POLICY as POLICY } from './verification-policy';

const NOW = new Date('2026-05-01T09:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MINUTE = 60_000;

describe('decideVerificationMail', () => {
  it('allows mails up to the limit per user per hour, then says when the oldest counted one leaves the hour', () => {
    expect(decideVerificationMail({ byUser: [ago(MINUTE), ago(2 * MINUTE)], toAddress: [] }, NOW, POLICY)).toEqual({ allowed: true });
    expect(decideVerificationMail({ byUser: [ago(MINUTE), ago(2 * MINUTE), ago(50 * MINUTE)], toAddress: [] }, NOW, POLICY)).toEqual({
      allowed: false,
      retryAfterSeconds: 600,
      reason: 'at most 3 verification mails per hour; try again in 600 s',
    });
    expect(decideVerificationMail({ byUser: [ago(MINUTE), ago(2 * MINUTE), ago(60 * MINUTE)], toAddress: [] }, NOW, POLICY)).toEqual({ allowed: true });
  });

  it('allows mails to one address up to the limit per day, whoever asked', () => {
    const toAddress = [1, 2, 3, 4, 23 * 60].map((minutes) => ago(minutes * MINUTE));
    expect(decideVerificationMail({ byUser: [], toAddress }, NOW, POLICY)).toEqual({
      allowed: false,
      retryAfterSeconds: 3600,
      reason: 'at most 5 verification mails per day to one address; try again in 3600 s',
    });
    expect(decideVerificationMail({ byUser: [], toAddress: toAddress.slice(0, 4) }, NOW, POLICY)).toEqual({ allowed: true });
  });
});

describe('decideCodeEntry', () => {
  const pending: PendingCode = { address: 'erin@example.com', expiresAt: new Date(NOW.getTime() + MINUTE), attempts: 0 };
  const current = { address: 'erin@example.com', verified: false };

  it('verifies with the right code before it expires', () => {
    expect(decideCodeEntry(pending, current, true, NOW, POLICY)).toEqual({ outcome: 'verified' });
  });

  it('counts a wrong code down to no tries left', () => {
    expect(decideCodeEntry(pending, current, false, NOW, POLICY)).toEqual({ outcome: 'wrong', triesLeft: 4 });
    expect(decideCodeEntry({ ...pending, attempts: 4 }, current, false, NOW, POLICY)).toEqual({ outcome: 'wrong', triesLeft: 0 });
    expect(decideCodeEntry({ ...pending, attempts: 5 }, current, true, NOW, POLICY)).toEqual({ outcome: 'none' });
  });

  it('refuses the right code once it expired', () => {
    expect(decideCodeEntry(pending, current, true, pending.expiresAt, POLICY)).toEqual({ outcome: 'expired' });
  });

  it('has nothing to check when no code waits for the current, unverified address', () => {
    expect(decideCodeEntry(null, current, true, NOW, POLICY)).toEqual({ outcome: 'none' });
    expect(decideCodeEntry(pending, { address: 'victim@example.com', verified: false }, true, NOW, POLICY)).toEqual({ outcome: 'none' });
    expect(decideCodeEntry(pending, { ...current, verified: true }, true, NOW, POLICY)).toEqual({ outcome: 'none' });
    expect(decideCodeEntry(pending, null, true, NOW, POLICY)).toEqual({ outcome: 'none' });
  });
});
