import { MONTH, monthNumber } from './months';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LONGEST = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MONTH = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(${MONTH})\b`, 'i');
const MONTH_DAY = new RegExp(String.raw`\b(${MONTH})\s+(\d{1,2})(?:st|nd|rd|th)?\b`, 'i');

/**
 * A day no month has ("February 30", "31st of april"), named in `text`; undefined when there is none.
 * The date parser skips such days silently, which would leave them in a task's title instead.
 */
export function impossibleDay(text: string): string | undefined {
  const dayMonth = DAY_MONTH.exec(text);
  const monthDay = MONTH_DAY.exec(text);
  const named: [string, string][] = [];
  if (dayMonth) named.push([dayMonth[1]!, dayMonth[2]!]);
  if (monthDay) named.push([monthDay[2]!, monthDay[1]!]);
  for (const [day, month] of named) {
    const number = monthNumber(month);
    if (Number(day) > LONGEST[number - 1]!) return `${MONTH_NAMES[number - 1]} ${Number(day)}`;
  }
  return undefined;
}
