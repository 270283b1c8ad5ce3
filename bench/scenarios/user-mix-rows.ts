import { num, type Row } from '../bench-scenario';
import { round1, summarize } from '../stats';
import type { LivePagesCounts } from './user-mix-live-pages';
import { OPERATION_LABELS } from './user-mix-operations';
import { MIX_OPERATIONS, type MixOperation } from './user-mix-rates';
import type { OperationOutcome, StepOutcome } from './user-mix-step';

/** One step of the mix as it ran: its rates, what came back, and what the system used meanwhile. */
export interface StepReport {
  /** The step's rate as a multiple of the peak. */
  multiplier: number;
  ratesPerSecond: Record<MixOperation, number>;
  outcome: StepOutcome;
  /** CPU seconds during the step: the system's whole process group, its node process alone, the load generator, the machine. */
  cpu: { group: number; system: number; generator: number; machine: number };
  systemPid: number;
  rssMiB: number;
  load: number[];
  pages: LivePagesCounts;
  users: number;
}

const perSecond = (count: number, ms: number) => (ms > 0 ? round1(count / (ms / 1000)) : Number.NaN);

function failureNote(outcome: OperationOutcome): string {
  const failed = outcome.clientErrors + outcome.serverErrors + outcome.noAnswer;
  if (failed === 0) return 'no failures';
  return `${failed} failed (${outcome.clientErrors} × 4xx, ${outcome.serverErrors} × 5xx, ${outcome.noAnswer} no answer): ${outcome.errors.join(' | ')}`;
}

function operationRow(scenario: string, operation: MixOperation, step: StepReport): Row {
  const outcome = step.outcome.operations[operation];
  const latency = summarize(outcome.fromScheduledMs);
  const service = summarize(outcome.serviceMs);
  const note = [
    `scheduled ${num(outcome.scheduled)} (${num(round1(step.ratesPerSecond[operation]))}/s)`,
    outcome.skipped ? `${num(outcome.skipped)} skipped (no task to change)` : '',
    `service p50 ${num(service.p50Ms)} / p99 ${num(service.p99Ms)} ms`,
    failureNote(outcome),
  ].filter(Boolean);
  return [scenario, OPERATION_LABELS[operation], num(outcome.succeeded), num(perSecond(outcome.succeeded, step.outcome.elapsedMs)), num(latency.p50Ms), num(latency.p99Ms), num(latency.maxMs), note.join('; ')];
}

/** The rows of one step: each operation, create → page, and the system's CPU and memory. */
export function stepRows(step: StepReport): Row[] {
  const scenario = `user-mix ×${step.multiplier} peak`;
  const { outcome, pages } = step;
  const toPage = summarize(outcome.toPageMs);
  const answered = MIX_OPERATIONS.reduce((sum, operation) => {
    const counted = outcome.operations[operation];
    return sum + counted.succeeded + counted.clientErrors + counted.serverErrors;
  }, 0);
  const lag = summarize(outcome.sendLagMs);
  const pageNote = [
    `${num(outcome.neverOnPage)} never arrived`,
    `${num(pages.open)} of ${num(step.users)} streams open at the end`,
    `${num(pages.endedByServer)} ended by the server so far, ${num(pages.reconnected)} reconnected, ${num(pages.failed)} failed to (re)open${pages.errors[0] ? `: ${pages.errors[0]}` : ''}`,
  ];
  const cpuNote = [
    `system CPU ${num(round1(step.cpu.group))} s for ${num(answered)} answered requests = ${num(round1((step.cpu.group * 1000) / answered))} ms per request (node pid ${step.systemPid} alone ${num(round1(step.cpu.system))} s)`,
    `RSS ${num(step.rssMiB)} MiB at the end`,
    `load average ${step.load.map((value) => value.toFixed(2)).join(' / ')}`,
    `load generator CPU ${num(round1(step.cpu.generator))} s, sends p99 ${num(lag.p99Ms)} / max ${num(lag.maxMs)} ms after their scheduled time`,
    `machine busy ${num(round1(step.cpu.machine))} CPU s`,
  ];
  return [
    ...MIX_OPERATIONS.map((operation) => operationRow(scenario, operation, step)),
    [scenario, 'POST /tasks → created event on the page', num(toPage.count), '', num(toPage.p50Ms), num(toPage.p99Ms), num(toPage.maxMs), pageNote.join('; ')],
    [scenario, 'system process: CPU, memory', num(answered), num(perSecond(answered, outcome.elapsedMs)), '', '', '', cpuNote.join('; ')],
  ];
}
