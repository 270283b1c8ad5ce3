import type { Parser, ParsingContext } from 'chrono-node';

const MONTH_WORDS = String.raw`jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|every|each|the month|this month|next month`;

/** What may follow a day of the month ("the 15th at 9", "by 21st, please"); "the 2nd floor" is no date. */
const AFTER_DAY = String.raw`at|@|by|before|after|from|to|until|till|and|or|in|for|please|pls|remind|morning|afternoon|evening|night|noon|midday|p[1-4]|every|each|latest|at the latest|high|low|urgent|important|tagged|with|so|then|but|because|as|when`;

/**
 * "the 15th", "on the 3rd", "on 31st": the next such day of a month (this month if it is still ahead, else the
 * next month that has it). Chrono reads "the 1st of june" itself; this adds the bare day of month.
 */
export const ordinalDayParser: Parser = {
  pattern: () =>
    new RegExp(
      String.raw`(?:\b(?:on|by|before|until|till|due|for)\s+(?:the\s+)?|\bthe\s+)([1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:${MONTH_WORDS}))(?=\s*$|\s*[,.;:!?)#\d]|\s+(?:${AFTER_DAY})\b)|^(?:on|by)\s+(?:the\s+)?([1-9]|[12]\d|3[01])(?:st|nd|rd|th)(?!\s+(?:of\s+)?(?:${MONTH_WORDS}))(?=\s+[a-z])`,
      'i',
    ),
  extract(context: ParsingContext, match: RegExpMatchArray) {
    const day = Number(match[1] ?? match[2]);
    const reference = context.reference.getDateWithAdjustedTimezone();
    let year = reference.getFullYear();
    let month = reference.getMonth() + 1;
    if (day < reference.getDate()) month += 1;
    for (let tries = 0; tries < 12; tries++) {
      if (month > 12) {
        month = 1;
        year += 1;
      }
      if (day <= new Date(Date.UTC(year, month, 0)).getUTCDate()) break;
      month += 1;
    }
    // The month and year are implied, not said: a reminder "on the 10th" may mean the task's own month.
    return context.createParsingComponents({ day }).imply('month', month).imply('year', year);
  },
};

/** "the end of the week", "end of week": this week's Friday (next week's once Friday is over). */
export const endOfWeekParser: Parser = {
  pattern: () => /\b(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:work\s*)?week\b/i,
  extract(context: ParsingContext) {
    const reference = context.reference.getDateWithAdjustedTimezone();
    const ahead = (5 - reference.getDay() + 7) % 7;
    const friday = new Date(reference.getFullYear(), reference.getMonth(), reference.getDate() + ahead);
    return context.createParsingComponents({ day: friday.getDate(), month: friday.getMonth() + 1, year: friday.getFullYear() });
  },
};
