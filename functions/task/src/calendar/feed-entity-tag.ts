import { createHash } from 'node:crypto';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The strong ETag of a feed's body: its SHA-256, so equal tags mean equal bytes. */
export const bodyEntityTag = (body: string): string => `"${sha256(body)}"`;

/** What a feed's body is made of (its tasks' ids and versions, in order): equal fingerprints render equal bodies. */
export const feedFingerprint = (tasks: readonly { id: string; version: number }[]): string => sha256(tasks.map(({ id, version }) => `${id}:${version}`).join(','));

/**
 * Whether `If-None-Match` names the tag (RFC 9110 §13.1.2: weak comparison, `*` matches any
 * representation), so a GET can answer 304.
 */
export function noneMatch(ifNoneMatch: string | undefined, entityTag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === entityTag);
}

/**
 * The ETags of the bodies rendered in this process, by fingerprint, so a poll whose feed did not
 * change is answered 304 from the ids and versions alone, without loading or rendering the tasks.
 * The oldest entries go first once `max` are kept.
 */
export function entityTagMemo(max = 10_000) {
  const tags = new Map<string, string>();
  return {
    get: (fingerprint: string) => tags.get(fingerprint),
    set(fingerprint: string, entityTag: string) {
      tags.delete(fingerprint);
      if (tags.size >= max) tags.delete(tags.keys().next().value!);
      tags.set(fingerprint, entityTag);
    },
  };
}
