import { type Agent, type ClientRequest, type IncomingMessage, request } from 'node:http';
import { httpCall } from './http-call';

/** One server-sent event as the bench clients need it: its name and its data line. */
export interface SseFrame {
  event: string | undefined;
  data: string | undefined;
}

export interface OpenLiveStreamOptions {
  url: string;
  token: string;
  /** For `POST /stream/tickets`; the stream itself gets a connection of its own, as a page's EventSource does. */
  agent: Agent;
  timeoutMs: number;
  /** Every frame, `ready` included, with the moment its chunk was read (`performance.now()`). */
  onFrame: (frame: SseFrame, receivedAt: number) => void;
}

export interface OpenedLiveStream {
  request: ClientRequest;
  response: IncomingMessage;
}

/** Splits a server-sent-event response into frames as its chunks arrive. */
function readSseFrames(chunks: IncomingMessage, onFrame: (frame: SseFrame, receivedAt: number) => void): void {
  let buffer = '';
  chunks.setEncoding('utf8');
  chunks.on('data', (chunk: string) => {
    const receivedAt = performance.now();
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      onFrame({ event: /^event: (.*)$/m.exec(frame)?.[1], data: /^data: (.*)$/m.exec(frame)?.[1] }, receivedAt);
    }
  });
}

/**
 * Opens a user's live stream as the chat page does (`POST /stream/tickets` with the bearer token, then
 * `GET /stream?ticket=`); resolves once its `ready` event arrived, rejects on any other answer, an
 * error, an end before `ready` or no `ready` within `timeoutMs`.
 */
export async function openLiveStream(options: OpenLiveStreamOptions): Promise<OpenedLiveStream> {
  const issued = await httpCall(new URL('/stream/tickets', options.url), { method: 'POST', headers: { authorization: `Bearer ${options.token}` }, agent: options.agent, timeoutMs: options.timeoutMs });
  if (issued.status !== 201) throw new Error(`POST /stream/tickets answered ${issued.status}: ${issued.body.slice(0, 200)}`);
  const { ticket } = JSON.parse(issued.body) as { ticket: string };
  return new Promise<OpenedLiveStream>((resolve, reject) => {
    const req = request(new URL(`/stream?ticket=${ticket}`, options.url), { headers: { accept: 'text/event-stream' }, agent: false });
    const timer = setTimeout(() => req.destroy(new Error(`no ready event within ${options.timeoutMs / 1000} s`)), options.timeoutMs);
    let ready = false;
    req.on('response', (response) => {
      if (response.statusCode !== 200) {
        clearTimeout(timer);
        response.resume();
        reject(new Error(`GET /stream answered ${response.statusCode}`));
        return;
      }
      readSseFrames(response, (frame, receivedAt) => {
        if (frame.event === 'ready' && !ready) {
          ready = true;
          clearTimeout(timer);
          resolve({ request: req, response });
        }
        options.onFrame(frame, receivedAt);
      });
      response.on('close', () => {
        clearTimeout(timer);
        if (!ready) reject(new Error('the stream ended before its ready event'));
      });
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end();
  });
}
