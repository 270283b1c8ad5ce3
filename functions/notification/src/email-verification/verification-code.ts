import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** A new code: six random digits. */
export const newVerificationCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * The code as stored: SHA-256 of the user, the address and the code, so a stored hash proves
 * nothing about another user or address. (Six digits can be found from their hash by trying them
 * all: the hash keeps codes out of backups and logs; the short lifetime and the try limit do the rest.)
 */
export const hashVerificationCode = (claim: { userId: string; address: string; code: string }) =>
  createHash('sha256').update(JSON.stringify([claim.userId, claim.address, claim.code])).digest('hex');

/** True when two code hashes are equal, compared in constant time. */
export function sameCodeHash(given: string, stored: string): boolean {
  const [a, b] = [Buffer.from(given, 'hex'), Buffer.from(stored, 'hex')];
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/**
 * The key an address's mail limit counts under: lower-case, without a `+tag` in the local part, so
 * `Victim+1@Example.com` and `victim@example.com` share one limit.
 */
export function addressKey(address: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).split('+')[0];
  return `${local}${address.slice(at)}`.toLowerCase();
}
