import type { ConversationState } from '../conversation/conversation-state';
import { type Intent, parseMessage } from '../language';
import type { TurnDeps } from './assistant-deps';
import { addMany, manyTasks, withoutEmailFrame } from './add-many';
import { asNewTask } from './as-new-task';
import { readClarifyAnswer } from './clarify-answer';
import { runIntent } from './run-intent';
import { say, type Turn } from './turn';

/** "can you add something for me?", "add a task": a request to add that does not yet say what. */
const SAYS_NOTHING = /^(?:something|anything|a\s+(?:task|thing|todo|to-do|new\s+task|reminder)|an?\s+(?:item|entry)|one)(?:\s+(?:for\s+me|please|to\s+my\s+list))?$/i;

/** "I want to rename it", "can I change its name?": a rename that waits for the new title. */
const RENAME_IT = /^(?:(?:i\s+(?:want|need|would\s+like|'d\s+like)\s+to|can\s+(?:i|you|we)|could\s+you|let'?s|please)\s+)?(?:rename|retitle|change\s+the\s+(?:name|title)\s+of|change\s+its\s+(?:name|title))(?:\s+(?:it|that|this(?:\s+one)?))?\s*\??$/i;

/**
 * "remind me tomorrow at 9" or "add something", then "to renew the parking permit": the task the
 * earlier message was waiting for. Undefined when the message is something else.
 */
function taskItWaitedFor(opening: string, message: string, context: Parameters<typeof parseMessage>[1]): Intent | undefined {
  const alone = parseMessage(message, context);
  if (alone.kind !== 'add' && alone.kind !== 'unknown') return undefined;
  const together = parseMessage(`${opening} ${message.replace(/^\s*(?:to|about|that)\s+/i, '')}`, context);
  return together.kind === 'add' || (together.kind === 'update' && /^rename\b/.test(opening)) ? together : undefined;
}

/**
 * One message with the plain-language parser: an answer to a pending clarifying question completes
 * the question's operation; anything else is parsed and carried out (a pending question is dropped).
 */
export async function converse(message: string, state: ConversationState, deps: TurnDeps): Promise<Turn> {
  const { pending, awaitingTask, ...rest } = state;
  if (pending) {
    const answer = readClarifyAnswer(message, pending.candidates);
    if (answer === 'cancel') return say('OK, I left everything as it was.', rest);
    if (answer !== null) return runIntent(pending.intent, rest, deps, [...pending.resolved, pending.candidates[answer]!]);
  }
  const context = { now: deps.now, timeZone: deps.timeZone, followsTask: rest.lastTask !== undefined };
  const text = withoutEmailFrame(message);
  const named = awaitingTask ? taskItWaitedFor(awaitingTask, text, context) : undefined;
  if (named) return runIntent(named, rest, deps);
  const many = manyTasks(text, context);
  if (many) return addMany(many, rest, deps);
  const intent = parseMessage(text, context);
  if (intent.kind === 'remind' && intent.target.kind === 'it' && !rest.lastTask) return say('What should I remind you about?', { ...rest, awaitingTask: `${text} to` });
  if (intent.kind === 'add' && SAYS_NOTHING.test(intent.task.title) && !intent.task.dueAt) return say('Sure — what should I add?', { ...rest, awaitingTask: 'add' });
  if (RENAME_IT.test(text) && rest.lastTask) return say(`What should I call "${rest.lastTask.title}" instead?`, { ...rest, awaitingTask: 'rename it to' });
  // "undo" and "make it 20" (a reminder's new amount) refer only to the message just before.
  const { undo: _undo, lastReminder: _lastReminder, ...fresh } = rest;
  const kept = { ...fresh, ...(intent.kind === 'undo' ? { undo: rest.undo } : {}), ...(intent.kind === 'update' ? { lastReminder: rest.lastReminder } : {}) };
  return runIntent(intent, kept, deps, [], asNewTask(text, context));
}
