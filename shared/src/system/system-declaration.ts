import type { EventType } from '../events/catalog';
import { TOPICS, type Topic } from '../events/topics';

/** `scale-to-zero`: Knative min-scale 0; `always-up`: min-scale 1 (the reminder function owns Dapr Jobs, which reach only a running sidecar). */
export type Scaling = 'scale-to-zero' | 'always-up';

/** One function of the system: what it reads and writes, what it serves, how it scales. */
export interface FunctionDeclaration {
  /** The topics it reads and the types it acts on (others on those topics are acknowledged); its consumer group is its name. */
  consumes: { topics: readonly Topic[]; types: readonly EventType[] } | null;
  /** The event types it writes through its outbox (`source` `/functions/<name>`). */
  emits: readonly EventType[];
  /** The commands it runs, which a person (for themselves) or a listed producer may also post to its `POST /events`. */
  runs: readonly EventType[];
  /** The path prefixes of its HTTP API the ingress sends to it; `'/'` for everything no other function owns. */
  routes: readonly string[];
  scaling: Scaling;
  /** `public`: people reach it through the ingress; `cluster-local`: only the event path does. */
  exposure: 'public' | 'cluster-local';
  /** The functions whose HTTP APIs it calls (`<NAME>_URL`, or Dapr service invocation). */
  calls: readonly string[];
}

const TASK_EVENTS = ['dev.todo.task.created.v1', 'dev.todo.task.updated.v1', 'dev.todo.task.completed.v1', 'dev.todo.task.deleted.v1'] as const;
const REMINDER_EVENTS = ['dev.todo.reminder.scheduled.v1', 'dev.todo.reminder.delivered.v1', 'dev.todo.reminder.failed.v1'] as const;
const NOTIFICATION_EVENTS = ['dev.todo.notification.sent.v1', 'dev.todo.notification.delivered.v1', 'dev.todo.notification.failed.v1'] as const;
const CREATE_TASK = 'dev.todo.task.create.v1';

/**
 * The system, in start order: the one place that says which function reads and writes what. The
 * topic plan, the multi-process system's processes and ingress, the event documents and the cluster
 * manifests' checks are derived from it, and `npm test` holds each function's real consumer and routes,
 * the KafkaSources and the Dapr subscriptions to it (local/system-declaration.int.test.ts, scripts/manifests.unit.test.ts).
 */
export const SYSTEM = {
  task: {
    consumes: { topics: [TOPICS.taskCommands], types: [CREATE_TASK] },
    emits: TASK_EVENTS,
    runs: [CREATE_TASK],
    routes: ['/tasks', '/calendar'],
    scaling: 'scale-to-zero',
    exposure: 'public',
    calls: [],
  },
  reminder: {
    consumes: { topics: [TOPICS.taskEvents], types: TASK_EVENTS },
    emits: REMINDER_EVENTS,
    runs: [],
    routes: ['/reminders'],
    scaling: 'always-up',
    exposure: 'public',
    calls: [],
  },
  recurrence: {
    consumes: { topics: [TOPICS.taskEvents], types: ['dev.todo.task.completed.v1', 'dev.todo.task.deleted.v1'] },
    emits: [CREATE_TASK],
    runs: [],
    routes: [],
    scaling: 'scale-to-zero',
    exposure: 'cluster-local',
    calls: [],
  },
  notification: {
    consumes: { topics: [TOPICS.reminderEvents], types: ['dev.todo.reminder.delivered.v1'] },
    emits: NOTIFICATION_EVENTS,
    runs: [],
    routes: ['/notifications'],
    scaling: 'scale-to-zero',
    exposure: 'public',
    calls: [],
  },
  audit: {
    consumes: { topics: Object.values(TOPICS), types: [...TASK_EVENTS, CREATE_TASK, ...REMINDER_EVENTS, ...NOTIFICATION_EVENTS] },
    emits: [],
    runs: [],
    routes: ['/audit'],
    scaling: 'scale-to-zero',
    exposure: 'public',
    calls: [],
  },
  stats: {
    consumes: {
      topics: [TOPICS.taskEvents, TOPICS.reminderEvents],
      types: ['dev.todo.task.created.v1', 'dev.todo.task.completed.v1', 'dev.todo.task.deleted.v1', 'dev.todo.reminder.delivered.v1'],
    },
    emits: [],
    runs: [],
    routes: ['/stats'],
    scaling: 'scale-to-zero',
    exposure: 'public',
    calls: [],
  },
  chat: {
    consumes: { topics: [TOPICS.taskEvents, TOPICS.notificationEvents], types: [...TASK_EVENTS, 'dev.todo.notification.sent.v1', 'dev.todo.notification.delivered.v1'] },
    emits: [],
    runs: [],
    routes: ['/'],
    scaling: 'scale-to-zero',
    exposure: 'public',
    calls: ['task', 'reminder', 'notification'],
  },
} as const satisfies Record<string, FunctionDeclaration>;

export type FunctionName = keyof typeof SYSTEM;

/** Every function, in start order. */
export const FUNCTION_NAMES = Object.keys(SYSTEM) as FunctionName[];

const declared = (name: FunctionName): FunctionDeclaration => SYSTEM[name];

/** The functions that consume events: each has its consumer group and its dead-letter topic. */
export const CONSUMER_FUNCTIONS = FUNCTION_NAMES.filter((name) => declared(name).consumes !== null);

/** The topics a function reads (none for a function without a consumer). */
export const topicsReadBy = (name: FunctionName): readonly Topic[] => declared(name).consumes?.topics ?? [];

/** The function that writes each event type. */
export const EMITTED_BY = Object.fromEntries(FUNCTION_NAMES.flatMap((name) => declared(name).emits.map((type) => [type, name]))) as Readonly<Record<EventType, FunctionName>>;

/** The function that runs each command. */
export const RUN_BY = Object.fromEntries(FUNCTION_NAMES.flatMap((name) => declared(name).runs.map((type) => [type, name]))) as Readonly<Partial<Record<EventType, FunctionName>>>;

/** The ingress routes: each owned prefix to its function, longest first, the function owning `/` last. */
export const OWNED_PATHS: readonly (readonly [string, FunctionName])[] = FUNCTION_NAMES.flatMap((name) => declared(name).routes.map((prefix) => [prefix, name] as const)).sort(
  ([a], [b]) => b.length - a.length,
);
