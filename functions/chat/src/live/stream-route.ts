import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Authenticator, User } from '#shared/http/auth';
import { Problem } from '#shared/http/problem';
import type { LiveMessage, UserHub } from './user-hub';

export interface StreamOptions {
  authenticate: Authenticator;
  hub: UserHub;
  /** Aborted when the process stops: every stream ends so the server can close. */
  closing: AbortSignal;
  heartbeatMs?: number;
  /** Streams end after this long and the browser reconnects (Knative cuts requests at its timeout). */
  maxAgeMs?: number;
  /** A stream whose client reads slower than messages come ends at this many unsent messages; the page reconnects and reloads. */
  maxQueued?: number;
}

async function userOf(authenticate: Authenticator, token: string | undefined): Promise<User> {
  if (!token) throw new Problem(401, 'Unauthorized', 'send the token as ?access_token= or Authorization: Bearer');
  try {
    return await authenticate(token);
  } catch {
    throw new Problem(401, 'Unauthorized', 'the token is invalid or expired');
  }
}

/**
 * `GET /stream`: server-sent events with the user's task changes (`event: task`) and notifications
 * (`event: notification`), JSON data, heartbeat comments every 15 s. EventSource cannot send
 * headers, so this route alone also accepts the token as `?access_token=`.
 */
export function streamRoutes(options: StreamOptions): Hono {
  const app = new Hono();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxAgeMs = options.maxAgeMs ?? 240_000;
  const maxQueued = options.maxQueued ?? 500;

  app.get('/stream', async (c) => {
    const header = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const user = await userOf(options.authenticate, c.req.query('access_token') ?? header);
    const queue: LiveMessage[] = [];
    let wake: (() => void) | null = null;
    let open = true;
    const stop = () => {
      open = false;
      wake?.();
    };
    const unsubscribe = options.hub.subscribe(user.id, {
      push(message) {
        if (queue.length >= maxQueued) return stop();
        queue.push(message);
        wake?.();
      },
      end: stop,
    });
    if (!unsubscribe) throw new Problem(429, 'Too Many Requests', 'too many live streams are open for this user');
    c.header('X-Accel-Buffering', 'no');

    return streamSSE(c, async (stream) => {
      stream.onAbort(stop);
      options.closing.addEventListener('abort', stop, { once: true });
      const deadline = Date.now() + maxAgeMs;
      try {
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ userId: user.id }), retry: 3_000 });
        while (open && !options.closing.aborted && Date.now() < deadline) {
          while (open && queue.length > 0) {
            const message = queue.shift()!;
            await stream.writeSSE({ event: message.event, id: message.id, data: JSON.stringify(message.data) });
          }
          const woken = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), Math.min(heartbeatMs, Math.max(0, deadline - Date.now())));
            wake = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          wake = null;
          if (!woken && open) await stream.write(': heartbeat\n\n');
        }
      } finally {
        unsubscribe();
        options.closing.removeEventListener('abort', stop);
      }
    });
  });
  return app;
}
