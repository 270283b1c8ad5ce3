import { MONTH } from './months';

const UNITS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50,
};
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11,
  twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19,
  twentieth: 20, thirtieth: 30,
};
/** 1 → "1st", 22 → "22nd", 13 → "13th". */
export const ordinal = (day: number) => `${day}${day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th'}`;

const HOUR_WORD = String.raw`(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;
const MINUTE_WORD = String.raw`(five|ten|fifteen|twenty|twenty[\s-]five|thirty|forty|forty[\s-]five|fifty|fifty[\s-]five|oh[\s-](?:five|one|two|three|four|six|seven|eight|nine))`;
const ORDINAL_WORD = String.raw`(?:(twenty|thirty)[\s-])?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)`;
const COUNT_WORD = String.raw`(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty[\s-]five|forty|ninety)`;

function ordinalDay(match: string, tens: string | undefined, word: string): string {
  const day = (tens ? UNITS[tens.toLowerCase()]! : 0) + ORDINALS[word.toLowerCase()]!;
  return day <= 31 ? ordinal(day) : match;
}

const hour = (word: string) => UNITS[word.toLowerCase()]!;
const minutes = (word: string): number => {
  const parts = word.toLowerCase().split(/[\s-]+/);
  if (parts[0] === 'oh') return UNITS[parts[1]!] ?? 0;
  return parts.reduce((sum, part) => sum + (UNITS[part] ?? 0), 0);
};
const clock = (h: number, m: number) => `${h}:${String(m).padStart(2, '0')}`;

/**
 * Numbers said in words where they name a time, a day of the month or an amount of time, written
 * as figures: "at ten" → "at 10", "one thirty" → "1:30", "ten past eleven" → "11:10", "half twelve"
 * → "12:30", "on the twenty third" → "on the 23rd", "in three days" → "in 3 days". Other number words
 * ("one of the calls", "the second one") stay as they are.
 */
export function withNumberWords(text: string): string {
  return text
    .replace(new RegExp(String.raw`\b${MINUTE_WORD}\s+past\s+${HOUR_WORD}\b`, 'gi'), (_, m: string, h: string) => clock(hour(h), minutes(m)))
    .replace(new RegExp(String.raw`\b${MINUTE_WORD}\s+to\s+${HOUR_WORD}\b(?!\s+(?:day|week|month|hour|minute))`, 'gi'), (_, m: string, h: string) => clock(((hour(h) + 10) % 12) + 1, 60 - minutes(m)))
    .replace(new RegExp(String.raw`\b${HOUR_WORD}\s+${MINUTE_WORD}\b(?!\s+(?:day|week|month|hour|min|year))`, 'gi'), (_, h: string, m: string) => clock(hour(h), minutes(m)))
    // "half twelve" (British and Irish): half past; never "half an hour", "half past", "half the".
    .replace(new RegExp(String.raw`\b(at|by|from|till|until|before|after|for)(\s)half\s+${HOUR_WORD}\b`, 'gi'), (_, word: string, space: string, h: string) => `${word}${space}${clock(hour(h), 30)}`)
    .replace(new RegExp(String.raw`\b(at|by|from|till|until|before|after|around|about)(\s)${HOUR_WORD}\b(?!\s+(?:of|days?|weeks?|months?|hours?|minutes?|mins?|years?|people|tasks?|things?)\b)`, 'gi'), (_, word: string, space: string, h: string) => `${word}${space}${hour(h)}`)
    .replace(new RegExp(String.raw`\b${HOUR_WORD}(?=\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock|in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b)`, 'gi'), (_, h: string) => String(hour(h)))
    // A day of the month after "on", "by", "until" ("on the twenty third"), or after "the" when a month
    // or a time follows ("the first of May"): "the second" alone is too often "the second one".
    .replace(new RegExp(String.raw`\b((?:on|by|before|until|till|from|due)\s(?:the\s)?)${ORDINAL_WORD}\b(?!\s+(?:one|time|floor|thing|option|task|item|call|visit|half))`, 'gi'), (match: string, before: string, tens: string | undefined, ordinal: string) => `${before}${ordinalDay(match.slice(before.length), tens, ordinal)}`)
    .replace(new RegExp(String.raw`\b(the\s)${ORDINAL_WORD}(?=\s(?:of\s(?:${MONTH})|at|@)\b)`, 'gi'), (match: string, before: string, tens: string | undefined, ordinal: string) => `${before}${ordinalDay(match.slice(before.length), tens, ordinal)}`)
    .replace(new RegExp(String.raw`\b(in|every|each|for|within)(\s)${COUNT_WORD}(?=\s(?:minute|min|hour|day|week|month|year))`, 'gi'), (_, word: string, space: string, count: string) => `${word}${space}${minutes(count)}`);
}
