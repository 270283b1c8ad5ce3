import { ordinal, withNumberWords } from './number-words';
import { withDateWordsFixed } from './word-slips';

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const TYPOS: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  [/(?<!#)\b(?:tmrw|tmrow|tmr|tmw|tmrrw|tommorow|tommorrow|tomorow|tomorrw|tomrrow|tomoroww|2moro|2morrow)\b/gi, 'tomorrow'],
  [/(?<!#)\b(?:2day|tdy|todat)\b/gi, 'today'],
  [/(?<!#)\bnxt\b/gi, 'next'],
  [/(?<!#)\bb4\b/gi, 'before'],
  [/(?<!#)\b(?:rmind|remid|remin|reimnd|remmind|reminde)\b/gi, 'remind'],
  [/(?<!#)\b(?:wk)\b/gi, 'week'],
  [/(?<!#)\b(?:wks)\b/gi, 'weeks'],
  [/\b([ap])\.m\.?(?!\p{L})/giu, '$1m'],
  // "@ 5", "@5:30": at a time ("@marta" stays a label).
  [/(?<![\p{L}\p{N}])@\s*(?=(?:1[0-2]|0?\d|2[0-3])(?:[:.][0-5]\d)?\s*(?:[ap]m?)?(?![\p{L}\p{N}:./-]))/giu, 'at '],
  // "fri 5p", "7:30p": pm; "at 6a": am (a bare "5a" may be a class or a flat).
  [/(?<![\p{L}\p{N}#:.-])(1[0-2]|0?[1-9])((?::[0-5]\d)?)p(?![\p{L}\p{N}.'-])/giu, '$1$2pm'],
  [/(?<=\bat\s)(1[0-2]|0?[1-9])((?::[0-5]\d)?)a(?![\p{L}\p{N}.'-])/giu, '$1$2am'],
  [/(?<!#)\babt\b/gi, 'about'],
  [/(?<![#\w])w\/\s*/gi, 'with '],
  [/(?<=\p{L}\s)w(?=\s+\p{L})/gu, 'with'],
  [/(?<![#\w])r(?=\s+(?:on|in|my|there|due|done|you|u)\b)/gi, 'are'],
  [/(?<!#)\b(isnt|wasnt|doesnt|didnt|cant|wont|arent)\b/gi, (_: string, word: string) => `${word.slice(0, -1)}'t`],
  // "wait its actually thursday": it's, before the words a correction goes on with.
  [/(?<!#)\bits(?=\s+(?:actually|the|due|at|on|not|done|cancell?ed|off|over|now|for|been|moved|tomorrow|today|next)\b)/gi, "it's"],
  // "slides for mondays meeting": a weekday's possessive without its apostrophe, not "on mondays".
  [/\b(for|the|this|next|last|of|before|after)\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s\s+(?!(?:and|or|at|from|to|till|until|in|only|too|each|every|morning|afternoon|evening|night|before|after|please|pls)\b)(?=\p{L})/giu, "$1 $2's "],
  [/(?<!#)\b(?:yr)\b/gi, 'year'],
  [/(?<!#)\b(?:yrs)\b/gi, 'years'],
  // "remind me 2 call", "need 2 buy": text-speak "to" before a verb, never before a unit.
  [/\b(remind me|ping me|need|have|got|want|going|forget|remember)\s+2\s+(?!(?:min|mins|minutes?|hours?|hrs?|h|days?|weeks?|wks?|months?|pm|am|o'?clock)\b)(?=\p{L}{2})/giu, '$1 to '],
  // "0700 tmrw", "handover 1830 hrs": a four-figure time with a leading zero, or with "hrs".
  [/(?<!\d[\s-])\b(0\d)([0-5]\d)\b(?!\s*(?:-|\/))/g, '$1:$2'],
  [/\b([01]\d|2[0-3])([0-5]\d)\s*(?:hrs|hours|h)\b/gi, '$1:$2'],
  [/(?<!#)\b(?:tonite|2nite)\b/gi, 'tonight'],
  // English as a second language: "the coming friday", "on or before 20th", "please to remind me".
  [/\b(?:on\s+)?the\s+coming\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b/gi, 'on $1'],
  [/\bon\s+or\s+before\b/gi, 'by'],
  [/\bplease\s+to\s+(?=remind|add|put|call|make)/gi, 'please '],
  // "shift it to monday same time": the day changes and the time stays.
  [/(?<![\s,]),?\s+(?:(?:at|keeping|keep)\s+)?(?:the\s+)?same\s+time\b/gi, ''],
  // "deadline is thursday", "last day 10th": the day it is due by.
  [/(?<![\s,]),?\s*\b(?:the\s+)?(?:deadline|last\s+day)(?:\s+is|\s*:)?\s+(?=(?:on\s+|the\s+)?(?:\d|mon|tue|wed|thu|fri|sat|sun|tomorrow|today|next|this|end))/gi, ' by '],
  // "evening 6", "morning 10 o'clock", "night 7": a bare hour with its part of the day.
  [/\b(morning)\s+(?:at\s+)?((?:1[0-2]|0?[1-9])(?::[0-5]\d)?)(?:\s*o'?clock)?(?![\d:.]|\s*[ap]m\b)/gi, '$1 $2am'],
  [/\b(afternoon|evening|night)\s+(?:at\s+)?((?:1[0-2]|0?[1-9])(?::[0-5]\d)?)(?:\s*o'?clock)?(?![\d:.]|\s*[ap]m\b)/gi, '$1 $2pm'],
  // "to 25th", "on 5th": the day of the month.
  [/\b(to|on|by|before|from|until|till)\s+(\d{1,2}(?:st|nd|rd|th))\b/gi, '$1 the $2'],
  // "on 27.05": a day and month after a preposition (not a decimal).
  [/\b(on|by|before|until|till|from)\s+(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\b(?!\.\d)/gi, (_: string, word: string, day: string, month: string) => `${word} ${MONTH_NAMES[Number(month) - 1]} ${Number(day)}`],
  // "first thing tomorrow": tomorrow morning.
  [/\bfirst\s+thing\s+(tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi, '$1 morning'],
  [/\b(tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+first\s+thing\b/gi, '$1 morning'],
  // "oops wrong date, 22nd": a day of the month on its own.
  [/(?<=^|,\s)(\d{1,2}(?:st|nd|rd|th))$/gi, 'the $1'],
  // "every month 15th".
  [/\bevery\s+month\s+(?:on\s+)?(?:the\s+)?(\d{1,2}(?:st|nd|rd|th))\b/gi, 'every month on the $1'],
  // "after work, around 6": a rough time is a time.
  [/\b(?:around|roughly|approx\.?|approximately)\s+(\d{1,2}(?::\d\d)?(?:\s*[ap]m)?)(?=\s*(?:[,.!]|$|ish\b|o'?clock\b))/gi, 'at $1'],
  // "change the time to 11.30", "it should be 9.15": a time with a dot after the words that give one.
  [/\b(to|at|be|by|from|until|till|is|it|around)\s+([01]?\d|2[0-3])\.([0-5]\d)(?![\d.])(?!\s*(?:dollar|euro|pound|buck|quid|usd|eur|gbp|kg|km|kilo|litre|liter|percent|mile|mi\b|%))/gi, '$1 $2:$3'],
  // "remove the task rather than marking it done": what is not asked is no part of it.
  [/(?<=\S)\s+(?:rather\s+than|instead\s+of)\s+(?:marking|ticking|completing|checking|crossing)\s+(?:it|that|this)(?:\s+(?:off|done|as\s+done|complete|as\s+complete))?\b/gi, ''],
  // "could you remind me what I have due on friday": a question about the list.
  [/\bremind\s+me\s+(?=(?:what|which|whether|how\s+many)\b)/gi, ''],
  // "ON THE 1ST", "9AM": shouted ordinals and times read as written small.
  [/\b(\d{1,2})(ST|ND|RD|TH|AM|PM)\b/g, (_: string, number: string, suffix: string) => `${number}${suffix.toLowerCase()}`],
  // "an hour and a half", "2 and a half hours": in minutes.
  [/\b(?:an?|one)\s+hour\s+and\s+a\s+half\b/gi, '90 minutes'],
  [/\b(\d{1,2})\s+and\s+a\s+half\s+hours?\b/gi, (_: string, hours: string) => `${Number(hours) * 60 + 30} minutes`],
  [/^whens\b/i, "when's"],
  // "in two weeks' time", "in a month's time".
  [/\b(in\s+(?:\S+\s+)?(?:days?|weeks?|months?|years?))'?s?\s+time\b/gi, '$1'],
  // "reminders: 1 day before and 2 hours before".
  [/\breminders?\s*:\s*(?=\S)/gi, 'remind me '],
  [/(?<!#)\btodya\b/gi, 'today'],
  [/(?<!#)\b(?:wknd)\b/gi, 'weekend'],
  [/^(?:whats|what is)\b/i, "what's"],
  [/^thats\b/i, "that's"],
  [/^its\b/i, "it's"],
  [/(?<!#)\bdont\b/gi, "don't"],
  [/(?<!#)\b(?:remnd|rmnd)\b/gi, 'remind'],
  [/(?<!#)\b(?:rmndr|remndr)\b/gi, 'reminder'],
  [/(?<!#)\btues\b/gi, 'tuesday'],
  [/\b(\d{1,2}(?::\d\d)?)\s+in\s+the\s+morning\b/gi, '$1am'],
  [/\b(\d{1,2})h\b(?!\s+(?:before|ahead|earlier|prior|later|after|and\s+\d))/g, '$1:00'],
  [/\b(before|by|at|from|until|till)\s+([01]\d|2[0-3])([0-5]\d)\b(?![-/.]\d)/gi, '$1 $2:$3'],
  // "clean the van fri 1530": four figures right after a day are its time.
  [/\b((?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?|tomorrow|today|tonight)\s+([01]\d|2[0-3])([0-5]\d)\b(?![-/.]\d)/gi, '$1 $2:$3'],
  [/(?<![\d.])\b(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.(?:(\d{4})\b|(?!\d))/g, (_: string, day: string, month: string, year?: string) => `${MONTH_NAMES[Number(month) - 1]} ${Number(day)}${year ? ` ${year}` : ''}`],
  [/\b(1[3-9]|2\d|3[01])\/(0?[1-9]|1[0-2])\b/g, (_: string, day: string, month: string) => `${MONTH_NAMES[Number(month) - 1]} ${Number(day)}`],
  [/\b(?:on|for)\s+day\s+(\d{1,2})\b/gi, (_: string, day: string) => `on the ${ordinal(Number(day))}`],
  [/\b(\d{1,2}(?::\d\d)?)\s+in\s+the\s+(?:afternoon|evening)\b/gi, '$1pm'],
  [/\b(\d{1,2}(?::\d\d)?)\s+at\s+night\b/gi, '$1pm'],
  [/(?<!#)\bthurs?\b/gi, 'thursday'],
  [/(?<!#)\bweds\b/gi, 'wednesday'],
  [/^wat\b/i, 'what'],
  [/(?<!#)\bu\b/gi, 'you'],
  [/(?<!#)\bnvm\b/gi, 'never mind'],
  [/(?<!#)\barvo\b/gi, 'afternoon'],
  [/(?<!#)\b(mon|tue|tuesday|wed|thu|thursday|fri|sat|sun|monday|wednesday|friday|saturday|sunday)\s+am\b/gi, '$1 morning'],
  // ("The Day After Tomorrow", capitalised, is a film.)
  [/(?<!#)\b(?:the\s+)?day\s+after\s+tomorrow\b/gi, (phrase: string) => (/Day\s+After\s+Tomorrow/.test(phrase) ? phrase : 'in 2 days')],
  // "next tomorrow" (Nigerian English): the day after tomorrow.
  [/(?<!#)\bnext\s+tomorrow\b/gi, 'in 2 days'],
  // "pa-remind naman", "paki-remind": Taglish for "remind me".
  [/(?<!#)\b(?:pa|paki)-?remind(?:\s+(?:naman|po|me|ako|mo\s+ako))*\b/gi, 'remind me'],
  // "after tomorrow" (Arabic, Spanish, French speakers): the day after tomorrow.
  [/(?<!#)(?<!\bday\s)\bafter\s+tomorrow\b(?!'s)/gi, 'in 2 days'],
  // "the day 15" (Spanish, Portuguese speakers): the 15th.
  [/\bthe\s+day\s+([1-9]|[12]\d|3[01])\b(?!\s*(?:day|week|:))/gi, (_: string, day: string) => `the ${ordinal(Number(day))}`],
  // "at the 7am", "the next Friday".
  [/\bat\s+the\s+(\d{1,2}(?::\d\d)?\s*(?:am|pm|h)\b)/gi, 'at $1'],
  [/\bthe\s+next\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gi, 'next $1'],
  [/(?<!#)\b(?:in\s+)?a\s+fortnight(?:'s\s+time)?\b/gi, 'in 2 weeks'],
  [/(?<!#)\ba\s+week\s+from\s+tomorrow\b/gi, 'in 8 days'],
  [/(?<!#)\ba\s+week\s+from\s+today\b/gi, 'in 7 days'],
  [/(?<!#)\b(?:eod|cob|end\s+of\s+(?:the\s+)?(?:business\s+)?day)\b/gi, '5pm'],
  [/(?<!#)\b(by|on|before|until|till)\s+christmas(?:\s+day)?\b/gi, '$1 december 25'],
  [/(?<!#)\b(by|on|before|until|till)\s+christmas\s+eve\b/gi, '$1 december 24'],
  [/(?<!#)\b(by|on|before|until|till)\s+new\s+year'?s\s+eve\b/gi, '$1 december 31'],
  [/(?<!#)\b(by|on|before|until|till)\s+new\s+year'?s(?:\s+day)?\b/gi, '$1 january 1'],
  [/(?<!#)\b(by|on|before|until|till)\s+halloween\b/gi, '$1 october 31'],
  [/(?<!#)\b(by|on|before|until|till)\s+valentine'?s(?:\s+day)?\b/gi, '$1 february 14'],
];

/** "!!!" and "!!" as a word or at the very end of a message with words mark priority (Todoist's convention), not emphasis. */
const EXCLAMATIONS: [RegExp, string][] = [
  [/(?:^|\s)!{3,}(?=\s|$)|(?<=[^\s!])!{3,}$/g, ' !urgent'],
  [/(?:^|\s)!!(?=\s|$)|(?<=[^\s!])!!$/g, ' !high'],
];

const CLOCK_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 };
const hourOf = (word: string) => CLOCK_WORDS[word.toLowerCase()] ?? Number(word);
/** "half past nine" → "9:30", "at half 2" → "at 2:30", "quarter past 4" → "4:15", "quarter to ten" → "9:45". */
function withClockWords(text: string): string {
  const HOUR = String.raw`(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|1[0-2]|[1-9])`;
  return text
    .replace(new RegExp(String.raw`\bhalf\s+past\s+${HOUR}\b`, 'gi'), (_, hour: string) => `${hourOf(hour)}:30`)
    // "at half 2" (British): half past two.
    .replace(new RegExp(String.raw`\b(at|by|from|until|till|before|around|for)\s+half\s+${HOUR}\b(?![.:]\d)`, 'gi'), (_, word: string, hour: string) => `${word} ${hourOf(hour)}:30`)
    .replace(new RegExp(String.raw`\b(?:a\s+)?quarter\s+past\s+${HOUR}\b`, 'gi'), (_, hour: string) => `${hourOf(hour)}:15`)
    .replace(new RegExp(String.raw`\b(?:a\s+)?quarter\s+to\s+${HOUR}\b`, 'gi'), (_, hour: string) => `${((hourOf(hour) + 10) % 12) + 1}:45`)
    .replace(/\b(?:a\s+)?quarter\s+to\s+midnight\b/gi, '23:45')
    .replace(/\b(?:a\s+)?quarter\s+past\s+midnight\b/gi, '00:15')
    .replace(/\bhalf\s+past\s+midnight\b/gi, '00:30')
    .replace(/\b(?:a\s+)?quarter\s+(past|to)\s+noon\b/gi, (_, side: string) => (side.toLowerCase() === 'past' ? '12:15' : '11:45'));
}

/** "…by Thursday? Thanks! Anna", "…\n\nBest regards,\nTom": the sign-off of an email-style message. */
const SIGN_OFF = /(?<=\S)[.!?,]\s*(?:thanks(?:\s+(?:so\s+much|a\s+lot|in\s+advance))?|thank\s+you|cheers|best(?:\s+regards)?|kind\s+regards|regards|many\s+thanks|br|sincerely)(?:[,!.]?\s+\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*)?)?[!.]?\s*$/iu;
/** "- [ ] update config", "* send the deck": a list bullet or checkbox before a single task. */
const BULLET = /^\s*(?:[-*•]\s+)?(?:\[\s?[xX]?\s?\]\s*)?(?=\S)/;

/** `text` with `fix` applied to what lies outside its quoted phrases and tags. */
function outsideVerbatim(text: string, fix: (part: string) => string): string {
  let fixed = '';
  let from = 0;
  for (const quoted of text.matchAll(VERBATIM)) {
    fixed += fix(text.slice(from, quoted.index)) + quoted[0];
    from = quoted.index + quoted[0].length;
  }
  return fixed + fix(text.slice(from));
}

/** Straightens quotes, fixes the typos the parser accepts, and collapses white space. */
export function normalize(message: string): string {
  let text = message
    .replace(SIGN_OFF, '')
    .replace(BULLET, '')
    .replace(/(?<![\p{L}\p{N}_*])\*\*([^\s*](?:[^*]*[^\s*])?)\*\*(?![\p{L}\p{N}_*])/gu, '$1')
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E]/g, '"');
  // "watch "The Day After Tomorrow" on saturday": a quoted phrase is a name, read as typed.
  text = outsideVerbatim(text, (part) => {
    let fixed = withDateWordsFixed(part);
    for (const [pattern, replacement] of TYPOS) fixed = fixed.replace(pattern, replacement as string);
    return withClockWords(withNumberWords(fixed));
  });
  // "finished it!!": emphasis on news, not a priority.
  const news = /\b(?:it|that|this|done|finished|completed|sorted|yay|thanks|thank\s+you)!+$/i.test(text);
  if (/\p{L}/u.test(text) && !news) for (const [pattern, replacement] of EXCLAMATIONS) text = text.replace(pattern, replacement);
  // "the party isnt happening anymore 😭 delete it": an emoji between clauses ends the first one.
  text = text.replace(/(?<=\p{L})\s+\p{Extended_Pictographic}+\s+(?=(?:delete|remove|cancel|scratch|forget|drop|move|make|mark|tick|done|so)\b)/giu, ', ');
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Courtesy and discourse words around a request: "please delete 2", "can you add ...?", "actually make
 * that 3pm", "oh and tag it #health", "no, friday".
 */
/** "would you mind moving it to thursday": the verb a polite gerund stands for. */
const POLITE_GERUND = /^(?:(?:would|do)\s+you\s+mind|(?:could|can)\s+you\s+(?:please\s+)?try)\s+(mov|chang|mak|sett|push|putt|delet|remov|mark|add|tagg|renam|shift|bump|switch|cancell?|complet|creat|updat|reschedul|postpon|remind|schedul)ing\b/i;
const GERUND_BASE: Record<string, string> = { mov: 'move', chang: 'change', mak: 'make', sett: 'set', putt: 'put', delet: 'delete', remov: 'remove', tagg: 'tag', renam: 'rename', cancel: 'cancel', cancell: 'cancel', complet: 'complete', creat: 'create', updat: 'update', reschedul: 'reschedule', postpon: 'postpone', schedul: 'schedule' };

export function withoutCourtesy(text: string): string {
  return text
    .replace(POLITE_GERUND, (_: string, stem: string) => GERUND_BASE[stem.toLowerCase()] ?? stem.toLowerCase())
    .replace(/^(?:(?:sorry to (?:bother|trouble) you(?: but)?|sorry to be a pain(?: but)?|if it'?s not too much trouble|if you don'?t mind|before i forget|right so|the thing is|oh and|no no(?: no)?|no(?=\s+(?:sorry|wait|actually)\b)|scratch that|(?:i\s+)?(?:got\s+(?:that|it)\s+wrong|made\s+a\s+mistake|was\s+wrong)|ngl|lowkey|highkey|tbh|honestly|(?:hello|hiya|hi|hey)(?: there)?|good (?:morning|afternoon|evening)(?: to you)?[.!]?|(?:thanks|thank you)(?![\s-]+(?:you\s+)?(?:notes?|cards?|letters?|emails?|e-mails?|gifts?|messages?|presents?|baskets?|flowers|texts?|calls?|speech)\b)[!.]?|right\s*[—–-]|nah|meh|hm{2,} what else\.*|what else\.*|oh yes|oh yeah|let me see\.*|ok so|okay so|please|pls|plz|kindly|(?:can|could|would|will) you(?: please| kindly)?(?: be able to)?|you (?:can|could|may)(?: now| go ahead and)?|would you mind|be able to|do the needful(?: and)?|ok|okay|actually|oh|oops|wait|sorry|hm{2,}|um+|uh+|also|and|then|so|but|well|just|no wait|never ?mind(?=,|\s+(?:delete|remove|cancel|scratch|scrap|bin|ditch|drop|trash|forget|get\s+rid|take|make|move|it'?s|i|the\s+\S+(?:\s+\S+)?\s+is|don'?t))|i do apologi[sz]e|apologies|my bad|my mistake|forgive me|pardon me|excuse me|my apologies|on second thoughts?|i should have said|i'?d be (?:grateful|glad|obliged) if you (?:could|would)|no,|nope,|wrong\s+(?:date|day|time|one|tags?|label|priority|title|name)|(?:(?:it'?d\s+be\s+|probably\s+|maybe\s+)?better|maybe|perhaps|probably|rather)(?=\s+(?:make|move|set|change|push|put|switch|shift|do|have)\s+(?:it|that|this)\b)|ugh+|argh+|omg|oh\s+no|yo|sup|(?:it'?s\s+)?not\s+(?:that|so|very|really|too)\s+(?:urgent|important)(?=\s*,\s*(?:make|set|mark|change|put)\b)|another\s+(?:one|thing|task|item)(?=\s*[:,])|one\s+more(?:\s+(?:thing|task|item))?(?=\s*[:,]))[\s,:]+)+/i, '')
    // "set up a recurring task for yoga": a new task, however it is asked for.
    .replace(/^(?:set\s+up|create|make)\s+(?:me\s+)?(?:a|an)\s+(?:new\s+|recurring\s+|repeating\s+|regular\s+)?(?=(?:task|todo|to-do)\b)/i, 'add a ')
    .replace(/(?<![\s,])[\s,]+(?:but\s+)?(?:just\s+)?keep\s+it(?:\s+on\s+(?:the|my)\s+list)?$/i, '')
    .replace(/(?<![\s,])[\s,]+(?:please|pls|plz|thanks|thank you|thx|ty|cheers|sorry|lol|my (?:bad|mistake)|i made (?:a )?(?:mistake|typo)|(?:it was )?a typo|tbh|imo|honestly|haha|hehe|fr|tho|though|po|lah|lor|leh|mah|inshallah|insha'?allah|alhamdulillah|can\??|or not\??|ok\??|okay\??|already|would be (?:lovely|great|nice|good|perfect|brilliant)|if you (?:can|could|don'?t mind)|(?:would|could|will|can) you(?: please)?|i'?m afraid|thanks (?:dear|love|so much))(?=(?:\s*\p{Extended_Pictographic})*$)/iu, '');
}

/** Emoji, and the check marks people type as one (✓ is no emoji). */
const PICTOGRAPH = /[\p{Extended_Pictographic}\u2713\u2611]/u;
const EMOJI_GLUE = /[\s\u{FE0F}\u{200D}]|\p{Emoji_Modifier}/u;

/** "report's done ✅": the message without the emoji (and spaces) at its end, read one character at a time. */
export function withoutTrailingEmoji(text: string): string {
  const chars = [...text];
  let end = chars.length;
  let sawEmoji = false;
  for (; end > 0; end--) {
    const char = chars[end - 1]!;
    if (PICTOGRAPH.test(char)) sawEmoji = true;
    else if (!EMOJI_GLUE.test(char)) break;
  }
  return sawEmoji ? chars.slice(0, end).join('').trimEnd() : text;
}

/** Drops edge punctuation and doubled spaces left behind after phrases were cut out. */
export function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/(?<=\s)[-–—](?:\s[-–—])+(?=\s)/g, '-')
    .replace(/(?<!\s)\s+([,.;!?])(?=\s|$)/g, '$1')
    .replace(/^(?:[\s,.;:?\-–—&]|!(?!\p{L}))+/u, '')
    .replace(/(?<![\s,.;:!?\-–—&])[\s,.;:!?\-–—&]+$/, '')
    .trim();
}

/** `text` without the `length` characters at `index`. */
export function cut(text: string, index: number, length: number): string {
  return `${text.slice(0, index)} ${text.slice(index + length)}`;
}

/** Removes the first match of `pattern` from `text`; `match` is null when nothing matched. */
export function extract(text: string, pattern: RegExp): { match: RegExpExecArray | null; rest: string } {
  const match = pattern.exec(text);
  return { match, rest: match ? cut(text, match.index, match[0].length) : text };
}

/** A quoted phrase inside a message ('…' or "…"); an apostrophe inside ("dad's") does not close it. Group 2 is the phrase. */
export const QUOTED = /(?<![\p{L}\p{N}])(["'])(.+?)\1(?![\p{L}\p{N}])/u;

/** A quoted phrase or a #tag: typed as meant, never rewritten ("#a_1P" is no time). */
const VERBATIM = new RegExp(String.raw`${QUOTED.source}|(?<![\p{L}\p{N}_])#[\p{L}\p{N}_-]+`, 'gu');

/** "it", "that", "this one": the task just discussed, as a phrase inside a longer pattern. */
export const IT_PHRASE = String.raw`(?:it|that|this)(?:\s+one)?`;

/** A quoted span ('…' or "…"), when the whole phrase is quoted. */
export function unquote(text: string): string | undefined {
  const match = /^\s*(["'])(.+)\1\s*$/.exec(text);
  return match?.[2];
}
