import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes in base64url: 43 characters. */
const TOKEN_BYTES = 32;
const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;

/** A new secret feed token. */
export const newFeedToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');

/** What the database keeps of a token: its SHA-256 (the token's 256 random bits make a slow hash pointless). */
export const feedTokenHash = (token: string): Buffer => createHash('sha256').update(token).digest();

/** The public path of a feed. */
export const feedPath = (token: string): string => `/calendar/${token}.ics`;

/** The token of a feed's file name (`<token>.ics`), or null when the name cannot be one. */
export function tokenOfFeedFile(file: string): string | null {
  if (file.length > 64) return null;
  return FEED_FILE.exec(file)?.[1] ?? null;
}
