import type { Parser } from 'chrono-node';

/** chrono's connector between time units: the space, comma or "and" in "1 day, 2 hours and 30 minutes". */
export const TIME_UNIT_CONNECTOR = String.raw`\s{0,5},?(?:\s*and)?\s{0,5}`;

const CAPTURING_GROUP = /(?<!\\)\((?!\?)/;

function atomicConnectors(pattern: RegExp): RegExp {
  const parts = pattern.source.split(TIME_UNIT_CONNECTOR);
  // A group added before one of chrono's own would renumber it, and chrono reads its groups by number.
  if (parts.length === 1 || CAPTURING_GROUP.test(parts.slice(1).join(''))) return pattern;
  const source = parts.reduce((joined, part, index) => `${joined}(?=(?<connector${index}>${TIME_UNIT_CONNECTOR}))\\k<connector${index}>${part}`);
  return new RegExp(source, pattern.flags);
}

/**
 * `parser` with each time-unit connector matched in one way only: an atomic group, written as a lookahead
 * and a backreference. chrono lets the single space between "1 day 1 day …" go to either `\s{0,5}`, so a
 * run of up to eleven time units not followed by "ago" or "later" is retried 2^10 ways at every number
 * (about 50 ms per parser for a 2,000-character message). A connector is followed by a number, which
 * never starts with a space, "," or "and", so taking the longest connector loses no match.
 */
export function withLinearTimeUnits(parser: Parser): Parser {
  const rewritten = new WeakMap<RegExp, RegExp>();
  return {
    pattern(context) {
      const original = parser.pattern(context);
      let pattern = rewritten.get(original);
      if (!pattern) {
        pattern = atomicConnectors(original);
        rewritten.set(original, pattern);
      }
      return pattern;
    },
    extract: (context, match) => parser.extract(context, match),
  };
}
