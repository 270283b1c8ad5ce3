import { randomUUID } from 'node:crypto';
import { Agent, type ClientRequest, type IncomingMessage } from 'node:http';
import { tokenCache } from '#shared/http/token-cache';
import { aTask, aTaskCreated, eventContext } from '#shared/testing/event-fixtures';
import { httpCall } from '../http-call';
import { openLiveStream, type SseFrame } from '../live-stream-client';

/**
 * The browsers of the live-streams scenario, in a process of their own (so the chat process's memory
 * is its own): opens one stream per user as a page does (a bearer token → `POST /stream/tickets` →
 * `GET /stream?ticket=`), then delivers task events to the chat's `POST /events` as the event path does
 * and times each until its user's stream shows it. Driven by the scenario over IPC.
 */

export interface ClientSetup {
  url: string;
  /** Signs the users' bearer tokens (the local issuer). */
  secret: string;
  streams: number;
  /** Streams opened at once. */
  concurrency: number;
}

export interface EventsRequest {
  /** How many events, each to a different user spread evenly over the streams. */
  events: number;
  /** Open-loop pace: one event every this many ms. */
  everyMs: number;
  /** The event path's `Authorization` header for the chat's `POST /events`. */
  authorization: string;
}

export type ToClient = ({ type: 'open' } & ClientSetup) | ({ type: 'events' } & EventsRequest) | { type: 'close' };

export type FromClient =
  | { type: 'progress'; open: number; elapsedMs: number }
  | { type: 'opened'; open: number; failed: number; errors: string[]; elapsedMs: number }
  | { type: 'events-done'; latenciesMs: number[]; missing: number; refused: string[]; openDuring: number; openAfter: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };

interface Stream {
  userId: string;
  request: ClientRequest;
  response?: IncomingMessage;
  open: boolean;
}

const send = (message: FromClient) => process.send?.(message);
const streams: Stream[] = [];
/** Task id → when its event was sent and what to call when its stream shows it. */
const awaited = new Map<string, (receivedAt: number) => void>();
const userOf = (index: number) => `live-user-${String(index).padStart(5, '0')}`;
const countOpen = () => streams.reduce((sum, stream) => sum + (stream.open ? 1 : 0), 0);

/** A `task` event settles the sample waiting for it. */
function onTaskEvent(frame: SseFrame, receivedAt: number) {
  if (frame.event !== 'task' || !frame.data) return;
  const taskId = (JSON.parse(frame.data) as { task: { id: string } }).task.id;
  const settle = awaited.get(taskId);
  if (settle) {
    awaited.delete(taskId);
    settle(receivedAt);
  }
}

/** Opens one user's stream as a page does; resolves once its `ready` event arrived. */
async function openStream(setup: ClientSetup, token: (userId: string) => Promise<string>, agent: Agent, userId: string): Promise<void> {
  const opened = await openLiveStream({ url: setup.url, token: await token(userId), agent, timeoutMs: 30_000, onFrame: onTaskEvent });
  const stream: Stream = { userId, request: opened.request, response: opened.response, open: true };
  const closed = () => {
    stream.open = false;
  };
  opened.response.on('end', closed);
  opened.response.on('close', closed);
  opened.response.on('error', closed);
  streams.push(stream);
}

async function openAll(setup: ClientSetup) {
  const token = tokenCache(setup.secret);
  const agent = new Agent({ keepAlive: true, maxSockets: setup.concurrency });
  const started = performance.now();
  let next = 0;
  let failed = 0;
  const errors: string[] = [];
  const worker = async () => {
    while (next < setup.streams) {
      const index = next++;
      try {
        await openStream(setup, token, agent, userOf(index));
      } catch (error) {
        failed++;
        if (errors.length < 5) errors.push(`${userOf(index)}: ${(error as Error).message}`);
      }
      if ((index + 1) % 1_000 === 0) send({ type: 'progress', open: countOpen(), elapsedMs: performance.now() - started });
    }
  };
  await Promise.all(Array.from({ length: setup.concurrency }, worker));
  agent.destroy();
  send({ type: 'opened', open: countOpen(), failed, errors, elapsedMs: performance.now() - started });
}

/** Sends `events` TaskCreated events at a steady pace, each to a different open stream's user, and times each to its page. */
async function sendEvents(setup: ClientSetup, options: EventsRequest) {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const open = streams.filter((stream) => stream.open);
  const step = Math.max(1, Math.floor(open.length / options.events));
  const latencies: number[] = [];
  const refused: string[] = [];
  const openDuring = countOpen();
  let missing = 0;
  const deliveries: Promise<void>[] = [];
  for (let k = 0; k < options.events && k * step < open.length; k++) {
    const userId = open[k * step]!.userId;
    const task = aTask({ id: randomUUID(), title: `live bench ${k}` });
    const event = aTaskCreated(task, eventContext({ userId, newId: randomUUID, now: new Date() }));
    const sentAt = performance.now();
    deliveries.push(
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          awaited.delete(task.id);
          missing++;
          resolve();
        }, 10_000);
        awaited.set(task.id, (receivedAt) => {
          clearTimeout(timer);
          latencies.push(receivedAt - sentAt);
          resolve();
        });
      }),
    );
    void httpCall(new URL('/events', setup.url), {
      method: 'POST',
      headers: { authorization: options.authorization, 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify(event),
      agent,
      timeoutMs: 30_000,
    }).then(
      (answer) => void (answer.status !== 202 && refused.length < 5 && refused.push(`POST /events answered ${answer.status}: ${answer.body.slice(0, 200)}`)),
      (error: unknown) => void (refused.length < 5 && refused.push(`POST /events failed: ${(error as Error).message}`)),
    );
    await new Promise((resolve) => setTimeout(resolve, options.everyMs));
  }
  await Promise.all(deliveries);
  agent.destroy();
  send({ type: 'events-done', latenciesMs: latencies, missing, refused, openDuring, openAfter: countOpen() });
}

function closeAll() {
  for (const stream of streams) {
    stream.open = false;
    stream.request.destroy();
  }
  streams.length = 0;
  // Then the channel closes, and with it this process (see 'disconnect' below).
  process.send?.({ type: 'closed' } satisfies FromClient, undefined, {}, () => process.disconnect());
}

let setup: ClientSetup | undefined;
process.on('message', (message: ToClient) => {
  const failed = (error: unknown) => send({ type: 'error', message: (error as Error).stack ?? String(error) });
  if (message.type === 'open') {
    setup = message;
    openAll(message).catch(failed);
  } else if (message.type === 'events') sendEvents(setup!, message).catch(failed);
  else if (message.type === 'close') closeAll();
});
// The scenario gone (it failed or was stopped): nothing to keep open.
process.on('disconnect', () => {
  for (const stream of streams) stream.request.destroy();
  setTimeout(() => process.exit(0), 100).unref();
});
