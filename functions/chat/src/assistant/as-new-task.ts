import { type Intent, type ParseContext, parseMessage, pastTenseDone } from '../language';
import type { AsNewTask } from './run-intent';

/** Words that only ever address the task list: with them a message is a command even when nothing matches. */
const ONLY_A_COMMAND = /^(?:complete|delete|del|remove|erase|mark|reopen|re-open|uncheck|untick|uncomplete|undo|restore|rename|untag|tag|show|details)\b|\b(?:task|tasks|todo|to-do|(?:as|is)\s+(?:done|complete|completed|finished)|from\s+(?:my|the)\s+list)\b/i;

/** A place that is not the task list: "from the shared drive", "off the ipad", "in the HR portal". */
const ELSEWHERE = /\b(?:(?:from|off|in|on|at)\s+(?:the|my|our|your|his|her|their)\s+|(?:from|off)\s+)(?!(?:(?:my|the|our)\s+)?(?:to-?do\s+)?(?:list|tasks?|todos?|to-dos?)\b)\p{L}/iu;

/** "complete the census form", "finish the online course": a thing to finish, not a reference to a task. */
const A_THING_TO_COMPLETE = /^(?:complete|finish)\s+(?:the|my|a|an|your|this)\s+\p{L}[\p{L}'-]*\s+\p{L}/iu;

/** "delete my old insta account", "cancel my gym membership": one of the person's own things, not a task. */
const OWN_THING = /^(?:delete|remove|cancel|clear|erase)\s+my\s+(?!(?:to-?do\s+)?(?:list|tasks?|todos?|reminders?)\b)\p{L}/iu;

/** "delete old customer emails", "clear junk files": things people clear out of somewhere, said without an article. */
const THING_TO_CLEAR = /^(?:delete|remove|erase|clear|clean\s+out)\s+(?:(?:old|unused|spam|junk|duplicate|outdated|expired|unwanted|temp|temporary)\s+\p{L}|(?!(?:the|it|that|this|those|these|them|all|every|both|task|tasks)\b)(?:\p{L}[\p{L}'-]*\s+){0,3}(?:e-?mails|files|photos|pictures|messages|texts|apps|accounts|folders|downloads|contacts|cookies|backups|logs|screenshots|videos|docs|documents|drafts|subscriptions|tabs|bookmarks|voicemails|chats)\b)/iu;

const ON_THE_LIST = /\b(?:from|off|on)\s+(?:my|the)\s+(?:to-?do\s+)?(?:list|tasks?)\b/i;

/**
 * The message read as a task to add, for a command word that named no task: "finish the report by
 * friday", "check the tyre pressure", "drop off the parcel" are things to do. Never for wording that
 * only makes sense about the list itself ("delete the dentist", "mark taxes as done").
 */
export function asNewTask(message: string, context: ParseContext): AsNewTask {
  return () => {
    if (pastTenseDone(message.trim().toLowerCase())) return undefined;
    const intent: Intent = parseMessage(`add ${message.trim()}`, context);
    if (intent.kind !== 'add') return undefined;
    // "complete my CPR refresher by 31/12": a deadline makes a command word a task's own verb.
    const deadlined = intent.task.dueAt !== undefined && /^(?:complete|finish)\b/i.test(message.trim());
    // "delete old photos off the ipad", "mark attendance in the HR portal": the verb acts on a thing somewhere, not on the list.
    const elsewhere = ELSEWHERE.test(message) || OWN_THING.test(message) || A_THING_TO_COMPLETE.test(message.trim()) || (THING_TO_CLEAR.test(message.trim()) && !ON_THE_LIST.test(message));
    return ONLY_A_COMMAND.test(message.trim()) && !deadlined && !elsewhere ? undefined : intent;
  };
}
