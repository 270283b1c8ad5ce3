import type { BenchScenario } from './bench-scenario';
import { auditAppendScenario } from './scenarios/audit-append';
import { chatTurnsScenario } from './scenarios/chat-turns';
import { coldStartScenario } from './scenarios/cold-start';
import { listLatencyScenario } from './scenarios/list-latency-seeded';
import { liveStreamsScenario } from './scenarios/live-streams';
import { multiProcessFanOutScenario } from './scenarios/multi-process-fan-out';
import { recurrenceLatencyScenario } from './scenarios/recurrence-latency';
import { reminderDeliveryScenario } from './scenarios/reminder-delivery';
import { reminderRestartScenario } from './scenarios/reminder-restart';
import { taskApiScenario } from './scenarios/task-api';
import { userMixScenario } from './scenarios/user-mix';

/** Every scenario of `npm run bench`, in the order they run; add a new one here. */
export const allScenarios: BenchScenario[] = [taskApiScenario, recurrenceLatencyScenario, reminderDeliveryScenario, reminderRestartScenario, auditAppendScenario, multiProcessFanOutScenario, chatTurnsScenario, coldStartScenario];

/**
 * Scenarios run only when named in BENCH_ONLY (list-latency needs BENCH_DATABASE_URL and seeds for
 * minutes; live-streams holds 10,000 streams open on a chat process and needs a Postgres server;
 * user-mix drives 10,000 users with open pages against `npm start`'s system for about four minutes).
 */
export const onRequestScenarios: BenchScenario[] = [listLatencyScenario, liveStreamsScenario, userMixScenario];
