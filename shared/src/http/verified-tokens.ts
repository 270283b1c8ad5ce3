/** Tokens already verified, each with what its verification concluded. */
export interface VerifiedTokens<T> {
  get(token: string): T | undefined;
  /** Keeps `value` for `token` until `expiresAtMs` (the token's `exp`) or `ttlMs` from now, whichever comes first. */
  set(token: string, value: T, expiresAtMs: number): void;
}

/**
 * The event path sends the same token with every delivery until it renews it (Knative and the local
 * dispatcher alike), and checking its ES256 signature is most of a delivery's CPU at the door; a page
 * sends its user's token with every request. A token
 * verified once is taken as verified again, never past its `exp` nor `ttlMs` after it was checked, so a
 * key removed from the key set stops being honoured within `ttlMs`. At most `maxEntries` are kept (the
 * oldest goes first): a flood of distinct valid tokens costs their verification, not memory.
 */
export function verifiedTokens<T>(options: { maxEntries: number; ttlMs: number; now?: () => number }): VerifiedTokens<T> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: T; until: number }>();
  return {
    get(token) {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (entry.until > now()) return entry.value;
      entries.delete(token);
      return undefined;
    },
    set(token, value, expiresAtMs) {
      const until = Math.min(expiresAtMs, now() + options.ttlMs);
      if (until <= now()) return;
      entries.delete(token);
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(token, { value, until });
    },
  };
}
