/** How deeply a request body or an event may nest arrays and objects; the deepest real one nests 5. */
export const MAX_JSON_DEPTH = 32;

/** Why `what` (a body, an event, its data) is refused when it nests deeper than {@link MAX_JSON_DEPTH}. */
export const tooDeep = (what: string) => `${what} nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`;

/**
 * True when a parsed JSON value nests arrays and objects more than `maxDepth` levels (`{}` and `[]`
 * are one level, a scalar none). Walks with its own stack, so no depth can overflow the call stack,
 * and stops at the first value too deep.
 */
export function nestsDeeperThan(value: unknown, maxDepth = MAX_JSON_DEPTH): boolean {
  const pending: { value: object; depth: number }[] = isContainer(value) ? [{ value, depth: 1 }] : [];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.depth > maxDepth) return true;
    for (const child of Object.values(next.value)) if (isContainer(child)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
