import { issueToken } from '#shared/http/issue-token';
import { loadLocalSecrets } from '#shared/runtime/local-secrets';
import { warmUpParser } from '../functions/chat/src/language';

/** The user the warm-up acts as; its conversation and task history are its own, like any user's. */
export const WARM_UP_USER = 'system-warm-up';

/**
 * A short conversation down the paths people take first: add, change, remind, list, complete, delete,
 * a repeating task, and a command word that names no task (so a task to add). Every task it adds it deletes.
 */
const MESSAGES = [
  'add warm-up check tomorrow at 5pm #warm-up',
  'make it 6pm',
  'remind me 30 minutes before',
  "what's due this week?",
  'complete it',
  'delete it',
  'water the warm-up plants every mon and thu at 9am',
  'delete it',
  'finish the warm-up report by friday p1',
  'delete it',
];
/** Times the conversation is held: once compiles the paths, the second time lets the engine optimise them. */
const ROUNDS = 2;
/**
 * Times the parser alone reads its own warm-up messages first (about 0.4 s in all): the engine
 * optimises what runs often, and two conversations are not often enough for the parser's many paths.
 */
const PARSER_ROUNDS = 15;

export interface WarmUpOptions {
  url: string;
  env: Record<string, string | undefined>;
}

/**
 * Sends {@link MESSAGES} through `POST /chat`, {@link ROUNDS} times (and reads the task list), as {@link WARM_UP_USER} once the
 * one-process system listens, before it reports ready: a person's first messages then do not pay for
 * compiling the request paths and preparing the database's statements (a first turn took about 130 ms,
 * later ones about 25 ms). The task it adds it deletes again; its conversation and the task's history stay
 * under its own user name. Skipped when tokens come from an identity
 * provider (no local secret to sign with).
 */
export async function warmUpRequests({ url, env }: WarmUpOptions): Promise<void> {
  if (env.AUTH_JWKS_URL) return;
  const secret = env.AUTH_JWT_SECRET ?? loadLocalSecrets(env.DATA_DIR ?? '.data').authJwtSecret;
  const token = await issueToken({ userId: WARM_UP_USER, secret, issuer: env.AUTH_ISSUER ?? 'todo-local', audience: env.AUTH_AUDIENCE ?? 'todo' });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  for (let round = 0; round < PARSER_ROUNDS; round++) warmUpParser(new Date());
  for (let round = 0; round < ROUNDS; round++) {
    let conversationId: string | undefined;
    for (const message of MESSAGES) {
      const response = await fetch(`${url}/chat`, { method: 'POST', headers, body: JSON.stringify({ message, timeZone: 'UTC', ...(conversationId ? { conversationId } : {}) }) });
      if (!response.ok) throw new Error(`warm-up: POST /chat answered ${response.status}`);
      conversationId = ((await response.json()) as { conversationId?: string }).conversationId;
    }
  }
  const listed = await fetch(`${url}/tasks?status=completed`, { headers });
  await listed.body?.cancel();
}
