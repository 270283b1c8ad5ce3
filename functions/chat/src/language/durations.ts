const WORD_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, 'forty-five': 45, 'forty five': 45 };

const WORD_AMOUNT = String.raw`(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty[- ]five)`;
const AMOUNT = String.raw`(?:\d{1,4}|${WORD_AMOUNT})`;
const UNIT = String.raw`(?:minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)`;

/** One duration phrase: "2 days", "an hour", "half an hour", "30 mins", "1h"; a word amount needs its space ("and" is no "an d"). */
export const DURATION = String.raw`(?:half an? hour|\b(?:\d{1,4}\s*|${WORD_AMOUNT}\s+)${UNIT}\b)`;

/** The ISO 8601 duration of a phrase matched by {@link DURATION}; undefined for anything else. */
export function isoDuration(phrase: string): string | undefined {
  const text = phrase.trim().toLowerCase();
  if (/^half an? hour$/.test(text)) return 'PT30M';
  const match = new RegExp(String.raw`^(${AMOUNT})\s*(${UNIT})$`).exec(text);
  if (!match) return undefined;
  const amount = /^\d+$/.test(match[1]!) ? Number(match[1]) : WORD_NUMBERS[match[1]!.replace('-', ' ')] ?? WORD_NUMBERS[match[1]!];
  if (amount === undefined || amount === 0) return amount === 0 ? 'PT0S' : undefined;
  const unit = match[2]!;
  if (unit.startsWith('m')) return `PT${amount}M`;
  if (unit.startsWith('h')) return `PT${amount}H`;
  if (unit.startsWith('d')) return `P${amount}D`;
  return `P${amount}W`;
}
