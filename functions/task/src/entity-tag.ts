/** A task's entity tag: its version, strong (the representation changes exactly when the version does). */
export const entityTag = (version: number): string => `"${version}"`;

/**
 * The versions an `If-Match` header allows (RFC 9110 §13.1.1): undefined without the header or with `*`
 * (any current task); else the versions of its strong entity tags. Weak tags never match under the
 * strong comparison If-Match uses, and a tag that is none of ours matches nothing: both leave the list
 * without them, so a stale or foreign tag is a 412, never a silent write.
 */
export function allowedVersions(ifMatch: string | undefined): number[] | undefined {
  if (ifMatch === undefined) return undefined;
  const value = ifMatch.trim();
  if (value === '*') return undefined;
  return value
    .split(',')
    .map((tag) => /^"(\d{1,9})"$/.exec(tag.trim())?.[1])
    .filter((version): version is string => version !== undefined)
    .map(Number);
}
