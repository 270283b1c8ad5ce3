/**
 * What the users of the user mix write: task titles and bodies for the REST API, edits, list queries and
 * plain chat messages. The REST titles and the chat's titles come from two separate lists, so a chat
 * message that completes or deletes "call mom" never touches a task the REST operations hold on to.
 */

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const HOUR_MS = 3_600_000;

const REST_TITLES = [
  'Quarterly report draft', 'Invoice the vendor', 'Renew passport', 'Book flights to Lisbon', 'Review the contract',
  'Prepare sprint retro', 'Update the budget sheet', 'Fix the garden fence', 'Order printer toner', 'Schedule car service',
  'Send slides to Maria', 'File expense claims', 'Back up the laptop', 'Plan team offsite', 'Pay electricity bill',
  'Return library books', 'Clean out the garage', 'Interview prep notes', 'Replace bike tires', 'Answer insurance letter',
] as const;
const TAGS = ['work', 'home', 'errands', 'finance', 'health', 'family'] as const;
const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Europe/London', 'Asia/Tokyo', 'America/Los_Angeles', 'Australia/Sydney', 'UTC'] as const;

/** A due time 1 to 14 days ahead, on the hour (so no reminder fires during the run). */
function dueAhead(random: Random, now: Date): string {
  const due = new Date(now.getTime() + (24 + Math.floor(random() * 13 * 24)) * HOUR_MS);
  due.setUTCMinutes(0, 0, 0);
  return due.toISOString();
}

export interface NewTaskBody {
  title: string;
  dueAt?: string;
  priority?: (typeof PRIORITIES)[number];
  tags?: string[];
}

/** A task as people add them: a title; a due time on about half, a priority on a third, tags on a third. */
export function newTaskBody(random: Random, now: Date): NewTaskBody {
  const body: NewTaskBody = { title: pick(random, REST_TITLES) };
  if (random() < 0.5) body.dueAt = dueAhead(random, now);
  if (random() < 0.33) body.priority = pick(random, PRIORITIES);
  if (random() < 0.33) body.tags = [...new Set([pick(random, TAGS), pick(random, TAGS)])];
  return body;
}

/** One change of `PUT /tasks/{id}`: a new title, priority, due time, tags or description. */
export function editBody(random: Random, now: Date): Record<string, unknown> {
  switch (Math.floor(random() * 5)) {
    case 0:
      return { title: `${pick(random, REST_TITLES)} (v2)` };
    case 1:
      return { priority: pick(random, PRIORITIES) };
    case 2:
      return { dueAt: dueAhead(random, now) };
    case 3:
      return { tags: [pick(random, TAGS)] };
    default:
      return { description: 'see the notes from Monday' };
  }
}

/** A `GET /tasks` query: mostly the default list, sometimes only the pending ones or a search by a word's prefix. */
export function listQuery(random: Random): string {
  const roll = random();
  if (roll < 0.7) return '';
  if (roll < 0.85) return '?status=pending';
  const word = pick(random, REST_TITLES).split(' ')[random() < 0.5 ? 0 : 1]!.toLowerCase();
  return `?q=${encodeURIComponent(word.slice(0, Math.max(3, word.length - 2)))}`;
}

export const timeZoneOf = (user: number): string => ZONES[user % ZONES.length]!;

const CHAT_TITLES = ['call mom', 'buy milk', 'water the plants', 'pick up the dry cleaning', 'book a dentist appointment', 'pay rent', 'take out the recycling', 'email the landlord', 'renew gym membership', 'get a birthday gift for Sam'] as const;
const WHEN = ['tomorrow at 5pm', 'on friday', 'next monday 9am', 'tonight at 8', 'this weekend', '', ''] as const;
const QUESTIONS = ["what's due this week", "what's due today", 'show my tasks', 'anything overdue?', 'what do i have tomorrow', 'list my work tasks'] as const;

/** A plain chat message and what it does to the user's chat-added titles. */
export interface ChatMessage {
  message: string;
  /** Adds this title, or finishes (completes or deletes) it. */
  adds?: string;
  finishes?: string;
}

/**
 * A message as a person types it: about a third adds a task, a third asks, the rest completes, moves or
 * deletes one of the tasks the user added by chat (when there is one; else it asks or adds).
 */
export function chatMessage(random: Random, chatTitles: readonly string[]): ChatMessage {
  const roll = random();
  const mine = chatTitles.length > 0 ? pick(random, chatTitles) : undefined;
  if (mine && roll >= 0.65) {
    if (roll < 0.8) return { message: pick(random, [`complete ${mine}`, `done with ${mine}`, `mark ${mine} as done`]), finishes: mine };
    if (roll < 0.92) return { message: pick(random, [`move ${mine} to friday 10am`, `make ${mine} high priority`, `change ${mine} to tomorrow at noon`]) };
    return { message: `delete ${mine}`, finishes: mine };
  }
  if (roll < 0.35 || roll >= 0.65) {
    const fresh = CHAT_TITLES.filter((title) => !chatTitles.includes(title));
    if (fresh.length > 0) {
      const title = pick(random, fresh);
      const when = pick(random, WHEN);
      return { message: pick(random, ['add ', 'remind me to ', '']) + title + (when ? ` ${when}` : ''), adds: title };
    }
  }
  return { message: pick(random, QUESTIONS) };
}
