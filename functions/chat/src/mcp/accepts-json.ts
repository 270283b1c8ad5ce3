const SPECIFICITY: Record<string, number> = { '*/*': 1, 'application/*': 2, 'application/json': 3 };

/**
 * Whether an Accept header lets the answer be `application/json` (RFC 9110 §12.5.1): no header
 * accepts anything; otherwise the most specific media range that covers JSON decides, by its `q`.
 */
export function acceptsJson(accept: string | null): boolean {
  if (accept === null || accept.trim() === '') return true;
  let best: { specificity: number; q: number } | undefined;
  for (const range of accept.split(',')) {
    const [mediaType = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const specificity = SPECIFICITY[mediaType];
    if (specificity === undefined || (best && best.specificity >= specificity)) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    best = { specificity, q: q === undefined ? 1 : Number(q.slice(2)) };
  }
  return best !== undefined && best.q > 0;
}
