import { findDate, withoutDate } from './dates';
import type { ParseContext, TaskFilter } from './intent';
import { extract } from './text';
import { addDays, type CalendarDay, startOfDay, weekdayOf, wallClockAt } from '../time/zoned-time';

export interface DueRange {
  filter: Pick<TaskFilter, 'dueAfter' | 'dueBefore'>;
  label: string;
  rest: string;
}

type Span = { from: CalendarDay; days: number } | { before: CalendarDay };
type Shape = { pattern: RegExp; span: (today: CalendarDay, match: RegExpExecArray) => Span; label: (match: RegExpExecArray) => string };

const monday = (day: CalendarDay) => addDays(day, -((weekdayOf(day) + 6) % 7));
const firstOfMonth = (day: CalendarDay, months = 0): CalendarDay => {
  const month = day.month - 1 + months;
  return { year: day.year + Math.floor(month / 12), month: (month % 12) + 1, day: 1 };
};
const daysBetween = (a: CalendarDay, b: CalendarDay) => Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);

const SHAPES: Shape[] = [
  { pattern: /\b(?:for\s+|on\s+)?(?:today's|today|tonight)\b/i, span: (today) => ({ from: today, days: 1 }), label: () => 'due today' },
  { pattern: /\b(?:for\s+|on\s+)?(?:tomorrow's|tomorrow)\b/i, span: (today) => ({ from: addDays(today, 1), days: 1 }), label: () => 'due tomorrow' },
  { pattern: /\b(?:for\s+|on\s+)?(?:yesterday's|yesterday)\b/i, span: (today) => ({ from: addDays(today, -1), days: 1 }), label: () => 'due yesterday' },
  { pattern: /\b(?:for\s+|in\s+|during\s+)?last\s+week(?:'s)?\b/i, span: (today) => ({ from: addDays(monday(today), -7), days: 7 }), label: () => 'due last week' },
  // On a Sunday, "this week" is the one ahead: the week that ends today is over for planning.
  { pattern: /\b(?:for\s+|in\s+|during\s+)?this\s+week(?:'s)?\b/i, span: (today) => (weekdayOf(today) === 0 ? { from: today, days: 8 } : { from: monday(today), days: 7 }), label: () => 'due this week' },
  { pattern: /\b(?:for\s+|in\s+|during\s+)?next\s+week(?:'s)?\b/i, span: (today) => ({ from: addDays(monday(today), 7), days: 7 }), label: () => 'due next week' },
  { pattern: /\b(?:for\s+|on\s+|over\s+)?this\s+weekend\b/i, span: (today) => ({ from: addDays(monday(today), 5), days: 2 }), label: () => 'due this weekend' },
  {
    pattern: /\b(?:for\s+|in\s+|during\s+)?this\s+month(?:'s)?\b/i,
    span: (today) => ({ from: firstOfMonth(today), days: daysBetween(firstOfMonth(today), firstOfMonth(today, 1)) }),
    label: () => 'due this month',
  },
  {
    pattern: /\b(?:for\s+|in\s+|during\s+)?next\s+month(?:'s)?\b/i,
    span: (today) => ({ from: firstOfMonth(today, 1), days: daysBetween(firstOfMonth(today, 1), firstOfMonth(today, 2)) }),
    label: () => 'due next month',
  },
  {
    pattern: /\b(?:in\s+|within\s+|over\s+|for\s+)?the\s+next\s+(\d{1,3}|two|three|seven|ten|fourteen)\s+days\b/i,
    span: (today, m) => ({ from: today, days: Number(m[1]) || { two: 2, three: 3, seven: 7, ten: 10, fourteen: 14 }[m[1]!.toLowerCase()]! }),
    label: (m) => `due in the next ${m[1]} days`,
  },
  {
    // "coming up in the next few days", "the next couple of days": today and the three days after it.
    pattern: /\b(?:in\s+|within\s+|over\s+|for\s+)?(?:the\s+)?next\s+(?:few|couple(?:\s+of)?)\s+days\b/i,
    span: (today) => ({ from: today, days: 4 }),
    label: () => 'due in the next few days',
  },
];

const toFilter = (span: Span, timeZone: string): DueRange['filter'] =>
  'before' in span ? { dueBefore: startOfDay(span.before, timeZone) } : { dueAfter: startOfDay(span.from, timeZone), dueBefore: startOfDay(addDays(span.from, span.days), timeZone) };

/** A due-date range in a list request: "today", "this week", "in the next 3 days", "by friday", "on june 3". */
export function findDueRange(text: string, context: ParseContext): DueRange | undefined {
  const { year, month, day } = wallClockAt(context.now, context.timeZone);
  const today = { year, month, day };
  for (const shape of SHAPES) {
    const { match, rest } = extract(text, shape.pattern);
    if (match) return { filter: toFilter(shape.span(today, match), context.timeZone), label: shape.label(match), rest };
  }
  // "between June 10 and June 12 2027": both days included.
  const between = /\b(?:between|from)\s+(\S(?:.*?\S)??)\s+(?:and|to|till|until|through|-)\s+(\S.*)$/i.exec(text);
  if (between) {
    const last = findDate(between[2]!, context);
    const year = last ? /\b\d{4}\b/.exec(between[2]!)?.[0] : undefined;
    const first = findDate(year && !/\b\d{4}\b/.test(between[1]!) ? `${between[1]!} ${year}` : between[1]!, context);
    if (first && last && !first.monthOnly && !last.monthOnly && daysBetween(first.day, last.day) >= 0) {
      return { filter: toFilter({ from: first.day, days: daysBetween(first.day, last.day) + 1 }, context.timeZone), label: `due between ${between[1]!} and ${between[2]!}`, rest: text.slice(0, between.index) };
    }
  }
  const bound = /\b(before|by|until|till)\s+(\S.*)$/i.exec(text);
  if (bound) {
    const found = findDate(bound[2]!, context);
    if (found) {
      const before = /^by$/i.test(bound[1]!) ? addDays(found.day, 1) : found.day;
      const phrase = bound[2]!.trim().toLowerCase();
      return { filter: toFilter({ before }, context.timeZone), label: `due ${bound[1]!.toLowerCase()} ${phrase}`, rest: `${text.slice(0, bound.index)} ${withoutDate(bound[2]!, found)}` };
    }
  }
  const found = findDate(text, context);
  if (!found || found.monthOnly) return undefined;
  const phrase = found.spans.map((span) => text.slice(span.index, span.index + span.length)).join(' ').toLowerCase().replace(/^on\s+/, '');
  return { filter: toFilter({ from: found.day, days: 1 }, context.timeZone), label: `due ${phrase}`, rest: withoutDate(text, found) };
}
