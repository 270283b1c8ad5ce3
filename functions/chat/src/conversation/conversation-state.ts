import type { NewTask } from '#shared/contracts/task';
import type { Intent } from '../language';

export interface TaskSummary {
  id: string;
  title: string;
}

/** A clarifying question waiting for its answer: which candidate the ambiguous reference meant. */
export interface PendingClarification {
  intent: Intent;
  /** Which reference of the intent was ambiguous (0 for single-target intents). */
  refPosition: number;
  /** The references before it, already resolved. */
  resolved: TaskSummary[];
  candidates: TaskSummary[];
}

/** What follow-up messages refer to; stored with the conversation so a reload or another replica keeps it. */
export interface ConversationState {
  /** The last numbered list shown: "2" means `lastList[1]`. */
  lastList?: TaskSummary[];
  /** The tasks added in this conversation, oldest first (the last 50): what numbers mean before any list was shown. */
  added?: TaskSummary[];
  /** The last task created, changed, or listed alone: what "it" means. */
  lastTask?: TaskSummary;
  pending?: PendingClarification;
  /** The reminder offset the last message added: "make it 20" right after changes its amount. */
  lastReminder?: { taskId: string; offset: string };
  /** What "undo" takes back: the tasks the last message completed (reopened again) or deleted (added again). */
  undo?: { reopen: TaskSummary[] } | { restore: NewTask[] };
  /** "remind me tomorrow at 9 to", "add": the start of a request that waits for the next message to name its task. */
  awaitingTask?: string;
}
