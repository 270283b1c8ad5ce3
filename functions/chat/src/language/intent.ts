/** A reference to one of the user's tasks, resolved later against their tasks by the chat function. */
export type TaskRef =
  | { kind: 'index'; index: number } // "2", "#2", "the second one": 1-based position in the last list shown
  | { kind: 'it' } // "it", "that", "this one": the last task mentioned, created or listed alone
  | { kind: 'title'; text: string; orIt?: true } // "the dentist", "buy milk": words to match against titles; `orIt`: the task just discussed when none matches
  | { kind: 'when'; weekday?: number; relativeDays?: number; month?: number; hour?: number; minute?: number; eitherHalfOfDay?: boolean }; // "the friday one", "tomorrow's task", "the 7am one", "the one in May"

export type Priority = 'low' | 'medium' | 'high' | 'urgent';

/** A task as the user described it; times are RFC 3339 with the offset of the user's zone. */
export interface TaskDraft {
  title: string;
  description?: string;
  dueAt?: string;
  priority?: Priority;
  tags?: string[];
  /** ISO 8601 offsets before `dueAt`; undefined leaves the task service's default (at the due time). */
  reminders?: string[];
  recurrence?: { rrule: string; timezone: string };
}

export interface TaskFilter {
  q?: string;
  status?: 'pending' | 'completed';
  priority?: Priority[];
  tags?: string[];
  dueBefore?: string;
  dueAfter?: string;
  /** Completed within [completedAfter, completedBefore) ("what did I finish today?"). */
  completedBefore?: string;
  completedAfter?: string;
  overdue?: boolean;
  /** false: only tasks without a due time; true: only tasks with one. */
  hasDue?: boolean;
  sort?: 'dueAt' | 'priority' | 'createdAt' | 'title';
  /** Only tasks that repeat ("which of my tasks repeat?"). */
  repeating?: true;
}

export type TaskChanges = Partial<Omit<TaskDraft, 'dueAt' | 'recurrence'>> & {
  /** null: no due time any more. */
  dueAt?: string | null;
  /** null: stop repeating. */
  recurrence?: TaskDraft['recurrence'] | null;
  /** Move the due time by an ISO 8601 duration ("-PT1H" earlier); days and weeks keep the wall-clock time. */
  shiftBy?: string;
  /** `dueAt` names a day only: a task with a due time keeps its time of day on that day. */
  keepTimeOfDay?: true;
  /** A new time of day on the task's own day (today when it has none); `eitherHalf`: no am/pm was said, take the reading nearest the old time. */
  timeOfDay?: { hour: number; minute: number; eitherHalf?: true; /** Said as a bare number ("make it 20"): right after a reminder, its new amount. */ bare?: number };
  addTags?: string[];
  removeTags?: string[];
  /** "no, the 15th": that day of the task's own month (`dueAt` is the reading for a task without one). */
  dayOfMonth?: number;
  /** "it's John not Jhon": a word of the title said again. */
  replaceInTitle?: { from: string; to: string };
  /** "make that an hour before": the reminder just talked about, at this ISO 8601 offset instead. */
  reminderOffset?: string;
};

/** What one chat message asks for. */
export type Intent =
  | { kind: 'add'; task: TaskDraft }
  | { kind: 'list'; filter: TaskFilter; label: string } // label: "due today", "high priority tagged work", …
  | { kind: 'update'; target: TaskRef; changes: TaskChanges }
  | { kind: 'show'; target: TaskRef } // "show details of 2": everything about one task
  | { kind: 'complete'; targets: TaskRef[] }
  | { kind: 'reopen'; targets: TaskRef[] }
  | { kind: 'delete'; targets: TaskRef[] }
  | { kind: 'clear-completed' } // "clear completed": delete every completed task
  | {
      kind: 'remind';
      target: TaskRef;
      before?: string /* ISO 8601 duration */;
      at?: string /* RFC 3339 */;
      /** `at` named a day without its year or month: the one nearest before the task's due time is meant. */
      atFloating?: 'year' | 'month';
      /** A time on the task's due day, or days before it: "at 9am that day", "the evening before". */
      onDueDay?: { dayShift: number; hour: number; minute: number };
    }
  | { kind: 'list-reminders' }
  | { kind: 'list-notifications' }
  | { kind: 'help' }
  | { kind: 'greeting' }
  | { kind: 'thanks' }
  | { kind: 'pause' } // "ok let me think": nothing to do yet
  | { kind: 'undo' } // "undo": take back the last completion or deletion
  | { kind: 'unknown'; reason: string };

/** The clock and the user's IANA time zone; the parser reads no other state. */
export interface ParseContext {
  now: Date;
  timeZone: string;
  /** A task was just discussed: a message that is only a new value ("by the 23rd", "high priority too") changes it. */
  followsTask?: boolean;
}
