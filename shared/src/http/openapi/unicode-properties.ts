const PROPERTY_ESCAPE = /^\\([pP])\{([^}]+)\}/;
const LAST_CODE_POINT = 0x10ffff;
const SURROGATES = { first: 0xd800, last: 0xdfff };
const SPECIAL_IN_CLASS = new Set(['\\', ']', '[', '^', '-']);
const bodies = new Map<string, string>();

const literal = (codePoint: number) => {
  const char = String.fromCodePoint(codePoint);
  return SPECIAL_IN_CLASS.has(char) ? `\\${char}` : char;
};

/** The code points a Unicode property names, by this runtime's regex engine, as the inside of a character class. */
function classBody(property: string): string {
  const cached = bodies.get(property);
  if (cached !== undefined) return cached;
  const matches = new RegExp(`^\\p{${property}}$`, 'u');
  let body = '';
  let start = -1;
  for (let codePoint = 0; codePoint <= LAST_CODE_POINT + 1; codePoint++) {
    const surrogate = codePoint >= SURROGATES.first && codePoint <= SURROGATES.last;
    const inside = codePoint <= LAST_CODE_POINT && !surrogate && matches.test(String.fromCodePoint(codePoint));
    if (inside && start < 0) start = codePoint;
    if (inside || start < 0) continue;
    const end = codePoint - 1;
    body += end === start ? literal(start) : `${literal(start)}${end > start + 1 ? '-' : ''}${literal(end)}`;
    start = -1;
  }
  bodies.set(property, body);
  return body;
}

/**
 * A JSON Schema pattern with its Unicode property escapes (`\p{Ll}`) spelled out as the characters
 * they stand for, so that tools whose regex engines lack them (or guess at them) read the pattern
 * exactly as the server's engine does. A negated escape inside a class (`[\P{L}]`) is refused.
 */
export function spelledOutPattern(pattern: string): string {
  if (!/\\[pP]\{/.test(pattern)) return pattern;
  let spelled = '';
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '\\') {
      const property = PROPERTY_ESCAPE.exec(pattern.slice(index));
      if (!property) {
        spelled += pattern.slice(index, index + 2);
        index += 1;
        continue;
      }
      const negated = property[1] === 'P';
      if (negated && inClass) throw new Error(`${property[0]} inside a character class cannot be spelled out: ${pattern}`);
      const body = classBody(property[2]!);
      spelled += inClass ? body : `[${negated ? '^' : ''}${body}]`;
      index += property[0].length - 1;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    spelled += char;
  }
  return spelled;
}

/** A JSON Schema with every `pattern` spelled out ({@link spelledOutPattern}). */
export function withSpelledOutPatterns<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((item: unknown) => withSpelledOutPatterns(item)) as T;
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, key === 'pattern' && typeof value === 'string' ? spelledOutPattern(value) : withSpelledOutPatterns(value)]),
  ) as T;
}
