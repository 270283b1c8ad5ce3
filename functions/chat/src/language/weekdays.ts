const DAYS: [RegExp, string][] = [
  [/^mo/i, 'MO'],
  [/^tu/i, 'TU'],
  [/^we/i, 'WE'],
  [/^th/i, 'TH'],
  [/^fr/i, 'FR'],
  [/^sa/i, 'SA'],
  [/^su/i, 'SU'],
];

/** One weekday name or abbreviation, singular or plural. */
export const WEEKDAY = String.raw`(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)s?`;

/** "monday", "mon, wed and fri", "tuesday & thursday", "mon wed fri", "tue/thu". */
export const WEEKDAY_LIST = String.raw`${WEEKDAY}(?:\s*(?:[,&/]\s*)?(?:and\s+)?${WEEKDAY}\b)*`;

/** RFC 5545 weekday codes for the names in a {@link WEEKDAY_LIST} match, in the order written. */
export function weekdayCodes(list: string): string[] {
  const codes: string[] = [];
  for (const word of list.match(/\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*/gi) ?? []) {
    const code = DAYS.find(([pattern]) => pattern.test(word))?.[1];
    if (code && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

/** RFC 5545 weekday code → 0 (Sunday) … 6. */
export const WEEKDAY_NUMBER: Record<string, number> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };

const ORDINALS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: -1 };

/** "first", "2nd", "last" (a week of the month). */
export const WEEK_ORDINAL = String.raw`(?:first|1st|second|2nd|third|3rd|fourth|4th|last)`;

export function weekOrdinal(word: string): number {
  return ORDINALS[word.toLowerCase()] ?? 1;
}
