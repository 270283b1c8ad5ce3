/**
 * The chat's language, as a library: what a plain-language message asks for (`parseMessage`), the
 * intent types it answers with, and the few readings the assistant applies once it knows the task
 * (a reminder moment on a due day, the default time of day, "done" said in the past tense). The rest
 * of the chat imports only this file; the modules beside it are the library's own.
 */
export type { Intent, ParseContext, Priority, TaskChanges, TaskDraft, TaskFilter, TaskRef } from './intent';
export { MAX_MESSAGE_LENGTH, NOT_FOR_TASKS, parseMessage } from './parse-message';
export { warmUpParser } from './warm-up';
export { OTHER_LANGUAGE } from './plain-task';
export { MAX_TASKS_PER_MESSAGE } from './refs';
export { isTalk } from './request-among-talk';
export { pastTenseDone } from './past-tense';
export { defaultTimeOn, today } from './dates';
export { anchoredToDue, momentAsDue, offsetBefore } from './reminder-moment';
