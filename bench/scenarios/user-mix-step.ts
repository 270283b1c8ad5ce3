import type { Agent } from 'node:http';
import { type HttpAnswer, httpCall } from '../http-call';
import type { Arrival } from '../poisson-schedule';
import type { LivePages } from './user-mix-live-pages';
import { planRequest } from './user-mix-operations';
import { MIX_OPERATIONS, type MixOperation } from './user-mix-rates';
import type { MixUsers } from './user-mix-users';

export interface OperationOutcome {
  scheduled: number;
  /** Arrivals that found no task to change (no user had one free). */
  skipped: number;
  succeeded: number;
  /** Per success: ms from the scheduled send to the whole answer (queueing in the client and server included). */
  fromScheduledMs: number[];
  /** Per success: ms from the request getting its connection to the whole answer. */
  serviceMs: number[];
  clientErrors: number;
  serverErrors: number;
  /** No answer within the timeout, or the connection failed. */
  noAnswer: number;
  /** Up to five distinct error texts. */
  errors: string[];
}

export interface StepOutcome {
  operations: Record<MixOperation, OperationOutcome>;
  /** Per `POST /tasks` answered 201: ms from its scheduled send to its `created` event on the user's page. */
  toPageMs: number[];
  /** Creates whose event did not reach the page within the wait. */
  neverOnPage: number;
  /** ms each request was sent after its scheduled time (the load generator's own delay). */
  sendLagMs: number[];
  /** From the step's start to its end or, when later, to the last answer (or give-up). */
  elapsedMs: number;
}

export interface StepOptions {
  schedule: readonly Arrival<MixOperation>[];
  /** The length of the schedule (its last arrival comes somewhat before). */
  seconds: number;
  users: MixUsers;
  pages: LivePages;
  url: string;
  agent: Agent;
  random: () => number;
  /** A request unanswered this long after its scheduled time counts as no answer. */
  requestTimeoutMs: number;
  /** How long after a create's 201 its event may take to reach the page. */
  pageWaitMs: number;
}

const emptyOutcome = (): OperationOutcome => ({ scheduled: 0, skipped: 0, succeeded: 0, fromScheduledMs: [], serviceMs: [], clientErrors: 0, serverErrors: 0, noAnswer: 0, errors: [] });

function noteError(outcome: OperationOutcome, text: string) {
  if (outcome.errors.length < 5 && !outcome.errors.includes(text)) outcome.errors.push(text);
}

/**
 * Sends every arrival of the schedule at its time, open loop: whether or not earlier ones have been
 * answered. Each is timed from its scheduled moment, so a system that falls behind shows it in the
 * latency, not in a slower send rate (no coordinated omission).
 */
export async function runMixStep(options: StepOptions): Promise<StepOutcome> {
  const operations = Object.fromEntries(MIX_OPERATIONS.map((operation) => [operation, emptyOutcome()])) as Record<MixOperation, OperationOutcome>;
  const outcome: StepOutcome = { operations, toPageMs: [], neverOnPage: 0, sendLagMs: [], elapsedMs: 0 };
  const started = performance.now();
  let lastAnswered = started;
  const inFlight: Promise<void>[] = [];

  const send = async (arrival: Arrival<MixOperation>, scheduledAt: number) => {
    const counted = operations[arrival.kind];
    counted.scheduled++;
    const planned = planRequest(arrival, options.users, options.random, new Date());
    if (!planned) {
      counted.skipped++;
      return;
    }
    outcome.sendLagMs.push(performance.now() - scheduledAt);
    const headers: Record<string, string> = { authorization: `Bearer ${planned.token}` };
    if (planned.body !== undefined) headers['content-type'] = 'application/json';
    let answer: HttpAnswer;
    try {
      answer = await httpCall(new URL(planned.path, options.url), {
        method: planned.method,
        headers,
        ...(planned.body !== undefined ? { body: JSON.stringify(planned.body) } : {}),
        agent: options.agent,
        timeoutMs: scheduledAt + options.requestTimeoutMs - performance.now(),
      });
    } catch (error) {
      lastAnswered = Math.max(lastAnswered, performance.now());
      planned.settle(undefined, '');
      counted.noAnswer++;
      noteError(counted, (error as Error).message);
      return;
    }
    const answeredAt = performance.now();
    lastAnswered = Math.max(lastAnswered, answeredAt);
    planned.settle(answer.status, answer.body);
    if (answer.status !== planned.expected) {
      if (answer.status >= 500) counted.serverErrors++;
      else counted.clientErrors++;
      noteError(counted, `${answer.status} ${answer.body.slice(0, 160)}`);
      return;
    }
    counted.succeeded++;
    counted.fromScheduledMs.push(answeredAt - scheduledAt);
    counted.serviceMs.push(answeredAt - answer.connectedAt);
    if (arrival.kind === 'create') {
      const seenAt = await options.pages.createdEventAt((JSON.parse(answer.body) as { id: string }).id, options.pageWaitMs);
      if (seenAt === null) outcome.neverOnPage++;
      else outcome.toPageMs.push(seenAt - scheduledAt);
    }
  };

  let next = 0;
  while (next < options.schedule.length) {
    const now = performance.now() - started;
    while (next < options.schedule.length && options.schedule[next]!.atMs <= now) {
      const arrival = options.schedule[next++]!;
      inFlight.push(send(arrival, started + arrival.atMs));
    }
    if (next < options.schedule.length) await new Promise((resolve) => setTimeout(resolve, Math.max(0, options.schedule[next]!.atMs - (performance.now() - started))));
  }
  await Promise.all(inFlight);
  outcome.elapsedMs = Math.max(options.seconds * 1000, lastAnswered - started);
  options.pages.forgetUnclaimed();
  return outcome;
}
