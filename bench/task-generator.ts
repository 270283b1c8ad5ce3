import type { NewTask, Priority } from '#shared/contracts/task';

export const WORDS = [
  'invoice', 'invite', 'inventory', 'report', 'review', 'call', 'email', 'plan', 'book', 'buy',
  'milk', 'bread', 'dentist', 'doctor', 'garden', 'garage', 'kitchen', 'laundry', 'budget', 'taxes',
  'meeting', 'slides', 'draft', 'proposal', 'contract', 'renew', 'passport', 'insurance', 'flight', 'hotel',
  'birthday', 'gift', 'party', 'clean', 'fix', 'bike', 'car', 'oil', 'tires', 'paint',
  'fence', 'roof', 'window', 'backup', 'laptop', 'phone', 'update', 'deploy', 'release', 'notes',
  'sprint', 'retro', 'hiring', 'interview', 'payroll', 'quarterly', 'audit', 'vendor', 'order', 'return',
] as const;

export const TAGS = ['work', 'home', 'errands', 'health', 'finance', 'family', 'urgent-ish', 'later', 'q3', 'side/project'] as const;

const PRIORITIES: readonly Priority[] = ['low', 'medium', 'medium', 'medium', 'high', 'high', 'urgent'];
const DAY_MS = 86_400_000;

/** A small deterministic PRNG (mulberry32), so two runs create the same tasks. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The `index`-th generated task: 2–5 words, a weighted priority, 0–3 tags, a due time within ±60 days of `now` (one in ten has none). */
export function generateTask(index: number, now: Date): NewTask {
  const random = seededRandom(index * 2_654_435_761);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const words = Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(WORDS));
  const tags = [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => pick(TAGS)))];
  const task: NewTask = { title: `${words.join(' ')} #${index}`, priority: pick(PRIORITIES), tags };
  if (random() < 0.9) task.dueAt = new Date(now.getTime() + Math.round((random() * 2 - 1) * 60 * DAY_MS)).toISOString();
  if (random() < 0.3) task.description = `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} before the end of the week`;
  return task;
}
