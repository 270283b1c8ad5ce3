import { MONTH } from './months';

const NOT_A_NAME = new RegExp(String.raw`^(?:${MONTH}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|at|on|by|before|until|till|from|in|due|i|add|remind|call|every|each|starting|after)$`, 'i');
/** A time written after the number: then it is a clock time after all ("Sunday 10am" never reaches here, "Bay 4pm" is a time). */
/** …or a month ("at the flat 14 june"), or an ordinal's ending ("ON THE 1ST"): a date. */
const TIME_AFTER = new RegExp(String.raw`^(?:[\d:.]|(?:st|nd|rd|th)\b|\s*(?:am|pm|a\.m|p\.m|h|hrs?|o'?clock|minutes?|mins?|hours?|days?|weeks?|months?|${MONTH})\b)`, 'i');
/** A capitalised word, a space, and a number: "Mitre 10", "Apollo 13", "Gate B 12" (the word is checked apart). */
const AFTER_NAME = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}'&-]*)(\s)(\d{1,5})/gu;
/** Words a number names a thing after: "unit 4", "room 12", "PR 1423", "table for 6", "order #2231". */
const AFTER_COUNTER =
  /\b(unit|room|rm|apt|apartment|suite|flat|gate|platform|building|bldg|level|floor|no\.?|number|ticket|issue|pr|order|invoice|table(?:\s+for)?|bay|lot|house|version|chapter|ch\.?|page|pg\.?|step|exit|bus|route|line|block|plot|door|seat|row|terminal|aisle|locker|box|lesson|module|sprint|season|episode|part|grade|class|year|form|stage)(\s?#?)(\d{1,5})/gi;
/** A house number before a street: "14 Banksia St", "22 Elm Rd", "10 Downing Street". */
const STREET_WORDS = ['st', 'street', 'rd', 'road', 'ave', 'avenue', 'lane', 'ln', 'dr', 'drive', 'blvd', 'boulevard', 'cres', 'crescent', 'tce', 'terrace', 'pde', 'parade', 'hwy', 'highway', 'strasse', 'straße'];
const STREET = STREET_WORDS.map((word) => `[${word[0]}${word[0]!.toUpperCase()}]${word.slice(1)}`).join('|');
const HOUSE_NUMBER = new RegExp(String.raw`\b\d{1,5}[a-z]?(?=(?:\s+\p{Lu}[\p{L}'-]*){1,3}\s+(?:${STREET})\b)`, 'gu');

/** "v2.3", "1.4.2", "JIRA-482", "CVE-2027-1234", "under-10s": versions, identifiers and names with a number. */
const IDENTIFIER = /(?<![\p{L}\p{N}.])(?:v\d+(?:\.\d+)*|\d+\.\d+\.\d+(?:\.\d+)*|\p{L}{2,}-\d+(?:-\d+)*\p{L}{0,2})(?![\p{L}\p{N}])/gu;
/** "7-eleven", "M-Pesa", "x-ray": a number or one letter joined to a word is a name. */
const JOINED = /(?<![\p{L}\p{N}-])(?:\d{1,4}|\p{L})-\p{L}{2,}/gu;
/** "in the HR portal", "the min wage": a time unit after "the" is no duration. */
const UNIT_AFTER_THE = /(?<=\bthe\s)(?:hrs?|hours?|mins?|minutes?|secs?|seconds?|h|m|s)\b/gi;
const STREET_WORDS_LOWER_CASE = /\b\d{1,5}[a-z]?(?=(?:\s+[\p{L}'-]+){1,3}\s+(?:st|street|rd|road|ave|avenue|blvd|boulevard|crescent|terrace|parade|highway|strasse|straße)\b)/giu;

/** "bin night thu 7pm", "parents evening": a part of the day right after a plain word is part of a name. */
const NAMED_PART_OF_DAY = new RegExp(
  String.raw`(?<=(?<![\p{L}'])(?!(?:${MONTH}|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|to(?:day|morrow|night)|this|that|next|on|in|the|every|each|at|by|from|until|till|for|and|or|of|late|early|same|one|last|a|s)\b)\p{L}[\p{L}'-]*\s)(?:morning|afternoon|evening|night)\b`,
  'giu',
);

/** "call 0161 496 0000", "+44 20 7946 0958": a phone number. */
const PHONE_NUMBER = /(?<![\p{L}\p{N}])(?:\+\d{1,3}[\s-]?)?\(?0?\d{2,5}\)?[\s-]\d{3,4}[\s-]\d{3,4}(?![\p{L}\p{N}])/gu;
/** "£20", "$1,500", "20 euros": an amount of money. */
const MONEY = /[£$€¥₹]\s?\d[\d,]*(?:\.\d+)?k?|\b\d[\d,]*(?:\.\d+)?\s?(?:euros?|dollars?|bucks|quid|pounds|rupees|usd|eur|gbp)\b/giu;

/** "watch The Day After Tomorrow": capitalised like a title, it is one. */
const FILM_TITLE_DAY = /\bDay\s+After\s+Tomorrow\b/g;

/** "plan the week", "review the month": a span of time a task is about, after a word that is no preposition. */
const SPAN_AS_OBJECT = /(?<=(?<![\p{L}'])(?!(?:on|in|for|by|of|until|till|before|after|during|within|from|to|end|over|through|this|next|last|all)\b)\p{L}{2,}\s)the\s+(?:week|month|year|weekend)\b(?!'s)/giu;

/** "watch Friday Night Lights", "read Tuesdays with Morrie": a capitalised weekday starting a run of capitalised words is a name. */
const NAME_WORD = String.raw`(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\p{Lu}\p{Ll}`;
const WEEKDAY_IN_NAME = new RegExp(String.raw`\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?(?=\s+${NAME_WORD}+\s+${NAME_WORD}|\s+(?:with|of|and|at|in)\s+${NAME_WORD})`, 'gu');
/** "text jess about saturday tomorrow": a weekday after "about" is what the task is about. */
const WEEKDAY_ABOUT = /(?<=\b(?:about|re|regarding)\s)(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b/gi;

const FULLWIDTH_OFFSET = 0xfee0;
/** Digits and Latin letters as their full-width forms (one UTF-16 unit each), which the date parser does not read. */
const shield = (text: string) => text.replace(/[0-9A-Za-z]/g, (char) => String.fromCharCode(char.charCodeAt(0) + FULLWIDTH_OFFSET));

/** `text` with capitalised weekdays that start a name ("Tuesdays with Morrie") in full-width forms (same length). */
export function shieldWeekdayNames(text: string): string {
  return text.replace(WEEKDAY_IN_NAME, shield);
}

/**
 * `text` with the numbers and words that are part of a name, not a time, written in full-width forms
 * (same length, so positions stay valid): a number after a capitalised word that is no month, weekday
 * or preposition and does not start the message ("Mitre 10"), after a counting word ("unit 4", "table
 * for 6"), a house number before a street ("14 Banksia St"), a joined name ("7-eleven", "M-Pesa"), and a
 * unit after "the" ("the HR portal").
 */
export function shieldNameNumbers(text: string): string {
  const keepsTime = (offset: number, match: string, whole: string) => TIME_AFTER.test(whole.slice(offset + match.length));
  return text
    .replace(AFTER_NAME, (match, word: string, space: string, digits: string, offset: number, whole: string) =>
      offset === 0 || NOT_A_NAME.test(word) || keepsTime(offset, match, whole) ? match : `${word}${space}${shield(digits)}`)
    .replace(AFTER_COUNTER, (match, word: string, between: string, digits: string, offset: number, whole: string) =>
      keepsTime(offset, match, whole) ? match : `${word}${between}${shield(digits)}`)
    .replace(HOUSE_NUMBER, shield)
    .replace(STREET_WORDS_LOWER_CASE, shield)
    .replace(IDENTIFIER, shield)
    .replace(JOINED, shield)
    .replace(UNIT_AFTER_THE, shield)
    .replace(NAMED_PART_OF_DAY, shield)
    .replace(WEEKDAY_ABOUT, shield)
    .replace(SPAN_AS_OBJECT, shield)
    .replace(FILM_TITLE_DAY, shield)
    .replace(PHONE_NUMBER, shield)
    .replace(MONEY, shield)
    .replace(WEEKDAY_IN_NAME, shield);
}
