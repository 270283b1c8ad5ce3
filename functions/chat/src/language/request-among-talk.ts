import type { Intent, ParseContext, TaskChanges, TaskRef } from './intent';
import { pastTenseDone } from './past-tense';
import { tidy } from './text';

type Parse = (text: string, context: ParseContext) => Intent;

/** Where one sentence (or a clause after a semicolon) ends and the next begins; not after "Mr." or "a.m.". */
const BOUNDARY = /(?<!\b(?:mr|mrs|ms|dr|st|mt|jr|sr|vs|etc|no|approx|e\.g|i\.e|a\.m|p\.m)\.)(?<=[.?!;])\s+(?=\S)/i;
const MAX_SENTENCES = 6;
/** "Could you rename it?" after the new name: a request the sentence before already made. */
const ASKS_NOTHING_MORE = /^(?:(?:could|can|would|will)\s+you\s+(?:please\s+)?|please\s+)?(?:rename|change|update|fix|correct|do)\s+(?:it|that|this)(?:\s+for\s+me)?(?:,?\s+please)?\??$/i;
const PRONOUN = /^(?:it|that|this|them|this one|that one|these|those)?$/i;
/** "it", "it so there's time to fix anything", "for me" (the "that" of "add that for me" read as a command word). */
const namesOnlyIt = (title: string) => PRONOUN.test(tidy(title.replace(/(?<!\s)\s+(?:so|because|as|since)\s.*$/i, '').replace(/(?:^|(?<!\s)\s+)for\s+me$/i, '')));
/** After the request, what the person wants or needs to do besides is their reason ("I need to move money into the account first"). */
/** A sentence that states rather than asks: a finite verb ("Payroll closes…" aside), said after the request. */
const STATEMENT = /\b(?:is|are|was|were|has|have|had|will|would|won't|can't|cannot|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|does|did|sent|came|went|got|said|told|left|took|gave|made|rang|remembers|forgets|closes|opens|starts|ends|needs|wants|likes|keeps|seems|looks)\b|\p{L}(?:'s|'re|'ve|'ll|'d)\b/iu;
const ASKS = /^(?:please|kindly|could|can|would|will|add|put|remind|create|schedule|note|set)\b/i;
const OBLIGATION = /^(?:i|we)\s+(?:need|have)\s+to\b/i;
const PURPOSE = /^(?:i|we)(?:'d|\s+would)?\s+(?:want|like)\s+to\b/i;
/** "Speak soon.", "Have a good day.": a sign-off. */
const SIGN_OFF = /^(?:(?:speak|talk|chat)\s+(?:to\s+you\s+)?(?:soon|later|again|tomorrow)|see\s+you(?:\s+\p{L}+)?|bye(?:\s+for\s+now)?|goodbye|have\s+a\s+(?:good|nice|great|lovely)\s+\p{L}+)$/iu;

/** Words that open a request even after a subject: "I need to…", "I'd like…", "I want…". */
const REQUEST_AFTER_SUBJECT =
  /^(?:i|we)(?:'d|\s+would)?\s+(?:need\s+to|have\s+to|must|should|want|wanna|like|'d\s+like|would\s+like|ought\s+to|gotta)\b|^(?:i|we)'d\s+like\b|^you\s+(?:can|could|may|might\s+as\s+well)\b|^(?:that|it|this)(?:'s|\s+is|\s+has\s+been|\s+was)\s+(?:all\s+)?(?:done|finished|complete|completed|sorted|handled|taken\s+care\s+of)\b/i;
/**
 * What people tell the assistant besides the request: "The inspector visits the week after", "She is
 * hosting this year", "It isn't pressing", "my doctor has recommended it", "as my GP asked".
 */
const TALK =
  /^(?:(?:and|but|so|because|as|since|although|though|on\s+reflection|to\s+be\s+honest|as\s+it\s+happens|i'?m\s+afraid|unfortunately|sadly)[\s,]+)?(?:(?:i|we|you|he|she|they|it|this|that|there|these|those)(?:'m|'re|'s|'ve|'d|'ll)?\s+\p{L}|(?:the|my|our|his|her|their|your|its|a|an|all\s+the|several\s+of\s+(?:them|the))\s+[\p{L}'-]+(?:\s+[\p{L}'-]+){0,4}\s+(?:is|are|was|were|has|have|had|will|won't|can't|cannot|does|doesn't|did|didn't|isn't|aren't|wasn't|would|could|should|may|might|must|\p{L}+s|\p{L}+ed|came|went|got|said|told|left|took|gave|made|sent|rang|found|kept|ran|saw|thought|brought|bought|paid|fell|broke|shut|quit)\b|(?:the|my|our|his|her|their|your)\s+(?:children|people|staff|police|men|women|team|committee|council|board|family|kids|parents)\s+\p{L}{2,}|(?:the|my|our|his|her|their|your)\s+(?:[\p{L}'-]+\s+){0,2}\p{L}+s\s+(?!(?:and|or|of|for|to|in|on|at|with|from|by|the|a|an)\b)\p{L}{2,}|(?:[\p{L}'-]+\s+){1,3}(?:wants|needs|says|said|asked|called|rang|thinks|thought|prefers|likes|agreed|confirmed|told|is|was|has|had|will|won't|can't|would)\b|as\s+(?:my|the|our|his|her)\s|(?:because|since|otherwise|which|so\s+that)\b|(?:just|only)\s+(?:keep|leave|this|the)\b|nobody|no\s+one|everyone|everybody|last\s+(?:year|time|week|month))/iu;

/** A sentence that tells rather than asks (a report of something done counts: its task is read from it). */
export function isTalk(sentence: string): boolean {
  const text = tidy(sentence.replace(/^(?:(?:actually|sorry|oh|well|also|ok|okay)[\s,]+)+/i, ''));
  return TALK.test(text) && !REQUEST_AFTER_SUBJECT.test(text) && !/\b(?:please|kindly)\b/i.test(text);
}

/** The task a report names ("I've sent the timetable email"): asked when "it" was not said before. */
function reportedTask(sentence: string): TaskRef | undefined {
  // "I've posted the cheque and it should arrive Monday": the report ends where talk about it starts.
  const report = pastTenseDone(tidy(sentence.replace(/(?<!\s)\s+(?:and|but|so)\s+(?:it|they|he|she|we|i|all|everything)\b.*$/i, '')).toLowerCase());
  const target = report?.kind === 'complete' ? report.targets[0] : undefined;
  return target?.kind === 'title' ? { ...target, orIt: true } : undefined;
}

/** "…, tagged clients and with high priority", "I'd like it due this Friday at 3pm": a change to the new task or to the change asked. */
function mergeInto(base: Intent, more: Intent): Intent | undefined {
  if (more.kind === 'thanks' || more.kind === 'pause') return base;
  // "Check the extinguishers before the inspection. Please add it for the 18th.": the second names only its day.
  if (base.kind === 'add' && more.kind === 'add' && namesOnlyIt(more.task.title)) {
    const { title: _title, ...given } = more.task;
    return { kind: 'add', task: { ...base.task, ...given, ...(base.task.tags || given.tags ? { tags: [...new Set([...(base.task.tags ?? []), ...(given.tags ?? [])])] } : {}) } };
  }
  if (base.kind === 'add' && more.kind === 'remind' && more.target.kind === 'it' && more.before) return { kind: 'add', task: { ...base.task, reminders: [...new Set([...(base.task.reminders ?? []), more.before])] } };
  if (more.kind !== 'update' || more.target.kind !== 'it') return undefined;
  const changes = more.changes;
  if (base.kind === 'update') {
    const addTags = [...(base.changes.addTags ?? []), ...(changes.addTags ?? [])];
    return { ...base, changes: { ...base.changes, ...changes, ...(addTags.length ? { addTags } : {}) } };
  }
  if (base.kind !== 'add') return undefined;
  const { addTags, priority, dueAt, reminders, recurrence, keepTimeOfDay: _day, ...other } = changes as TaskChanges;
  if (Object.keys(other).length > 0) return undefined;
  const task = { ...base.task };
  if (addTags?.length) task.tags = [...new Set([...(task.tags ?? []), ...addTags])];
  if (priority) task.priority = priority;
  if (typeof dueAt === 'string') task.dueAt = dueAt;
  if (dueAt === null) delete task.dueAt;
  if (reminders) task.reminders = reminders;
  if (recurrence) task.recurrence = recurrence;
  return { kind: 'add', task };
}

/**
 * "Could you add a task to check the first-aid kits on Saturday? The inspector visits the week after.",
 * "That one is important; could you mark it as high priority?": a message of several sentences is the
 * request among them; sentences that only tell are no part of it, and later ones that change the
 * request ("Due Thursday at 9am, please.") join it. Undefined when the sentences are not one request
 * with talk around it (several tasks, say), so the whole message is read as before.
 */
export function requestAmongTalk(text: string, context: ParseContext, parse: Parse): Intent | undefined {
  const parts = text.split(BOUNDARY);
  const asked = /\?\s*$/.test(parts[0]!);
  const sentences = parts.map((part) => tidy(part.replace(/(?<![;.])[;.]+$/, ''))).filter(Boolean);
  if (sentences.length < 2 || sentences.length > MAX_SENTENCES) return undefined;
  let base: Intent | undefined;
  let reported: TaskRef | undefined;
  let firstTold: string | undefined;
  let first = '';
  let told = false;
  let joined = false;
  for (const sentence of sentences) {
    if (!base) {
      if (isTalk(sentence)) {
        told = true;
        firstTold ??= sentence;
        reported ??= reportedTask(sentence);
        continue;
      }
      base = parse(sentence, context);
      first = sentence;
      // "Good afternoon. I would like to schedule …": a greeting is no request.
      if (base.kind === 'greeting') {
        base = undefined;
        told = true;
        continue;
      }
      // "I have a dentist appointment on 11 March at 10:15; would you please add it to my list?": what was told is the task.
      if (firstTold && base.kind === 'add' && /^(?:it|that|this|them|this one|that one)$/i.test(base.task.title)) base = parse(`add ${firstTold}`, context);
      // "Dentist is at 3. Remind me an hour before.": with nothing discussed before, "it" is what was told.
      if (firstTold && !context.followsTask && base.kind === 'remind' && base.target.kind === 'it') base = parse(`${firstTold}, ${sentence}`, context);
      continue;
    }
    const more = parse(sentence, { ...context, followsTask: true });
    // "Check the fire extinguishers before the inspection. Please add it for the 18th.": the first sentence is the task.
    if ((base.kind === 'complete' || base.kind === 'delete') && more.kind === 'add' && namesOnlyIt(more.task.title)) base = parse(`add ${first}`, context);
    const merged = mergeInto(base, more);
    if (merged) {
      base = merged;
      joined = true;
    } else if (isTalk(sentence) || PURPOSE.test(sentence) || (OBLIGATION.test(sentence) && more.kind === 'add' && more.task.dueAt === undefined) || ASKS_NOTHING_MORE.test(sentence) || SIGN_OFF.test(sentence) || (more.kind === 'add' && !ASKS.test(sentence) && STATEMENT.test(sentence))) told = true;
    else return undefined;
  }
  if (!base || !(told || joined) || (base.kind === 'unknown' && !asked)) return undefined;
  // "I've sent the timetable email; could you mark it as done?": a report before the request names the task "it" means (when one matches).
  if (reported && (base.kind === 'complete' || base.kind === 'delete') && base.targets.every((target) => target.kind === 'it')) return { ...base, targets: [reported] };
  return base;
}
