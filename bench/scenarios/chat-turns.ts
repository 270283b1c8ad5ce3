import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpus, CORPUS_NOW, CORPUS_ZONE } from '../../functions/chat/test/corpus/corpus';
import { parseMessage } from '../../functions/chat/src/language';
import { tokenCache } from '#shared/http/token-cache';
import { localModules } from '../../local/modules';
import { warmUpRequests } from '../../local/warm-up';
import { type BenchScenario, num, type Row } from '../bench-scenario';
import { startBenchSystem } from '../bench-system';
import { type LatencySummary, summarize } from '../stats';

interface HeldOutCase {
  timeZone?: string;
  turns: string[];
}

/** Every message of the unit corpus and of the held-out conversations. */
function knownMessages(root: string): { message: string; timeZone: string }[] {
  const folder = join(root, 'eval', 'chat-heldout');
  const heldOut = readdirSync(folder)
    .filter((file) => /^cases.*\.json$/.test(file))
    .flatMap((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as HeldOutCase[])
    .flatMap((c) => c.turns.map((message) => ({ message, timeZone: c.timeZone ?? 'UTC' })));
  return [...corpus.map((entry) => ({ message: entry.message, timeZone: entry.timeZone ?? CORPUS_ZONE })), ...heldOut];
}

/** Parser time per message, over every known message, a few rounds (the first warms the JIT). */
function parseTimes(messages: { message: string; timeZone: string }[], rounds: number): LatencySummary {
  const now = new Date(CORPUS_NOW);
  const samples: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    for (const { message, timeZone } of messages) {
      const started = performance.now();
      parseMessage(message, { now, timeZone, followsTask: round % 2 === 1 });
      if (round > 0) samples.push(performance.now() - started);
    }
  }
  return summarize(samples);
}

/**
 * POST /chat one at a time, as one person chats: each held-out conversation in turn, in its own zone,
 * on the system as `npm start` runs it, warmed up by the local system's warm-up conversation first.
 * That warm-up signs its token with the system's secret, so the scenario brings the secret.
 */
async function chatTurns(root: string, databaseUrl: string | undefined, conversations: number): Promise<LatencySummary> {
  const folder = join(root, 'eval', 'chat-heldout');
  const cases = readdirSync(folder)
    .filter((file) => /^cases.*\.json$/.test(file))
    .flatMap((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')) as HeldOutCase[])
    .slice(0, conversations);
  const secret = randomBytes(32).toString('hex');
  const system = await startBenchSystem({ modules: localModules, env: { AUTH_JWT_SECRET: secret }, ...(databaseUrl ? { databaseUrl } : {}) });
  const tokenFor = tokenCache(secret);
  const samples: number[] = [];
  try {
    await warmUpRequests({ url: system.url, env: { AUTH_JWT_SECRET: secret } });
    for (const [index, c] of cases.entries()) {
      const token = await tokenFor(`bench-chat-${index}`);
      let conversationId: string | undefined;
      for (const message of c.turns) {
        const started = performance.now();
        const response = await fetch(`${system.url}/chat`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ message, timeZone: c.timeZone ?? 'UTC', ...(conversationId ? { conversationId } : {}) }),
        });
        const body = (await response.json()) as { conversationId?: string };
        samples.push(performance.now() - started);
        if (response.status !== 200) throw new Error(`POST /chat answered ${response.status}: ${JSON.stringify(body)}`);
        conversationId = body.conversationId;
      }
    }
  } finally {
    await system.stop();
  }
  return summarize(samples);
}

const row = (scope: string, summary: LatencySummary, note: string): Row => ['chat-turns', scope, num(summary.count), '', num(summary.p50Ms), num(summary.p99Ms), num(summary.maxMs), note];

/**
 * The chat's speed: the parser alone over every message the corpora hold (no I/O), and whole
 * `POST /chat` turns one at a time on the one-process system as `npm start` runs it (warmed up;
 * conversation stored, task function called, events delivered in the same process). BENCH_TASKS / 100 conversations (at least 100).
 */
export const chatTurnsScenario: BenchScenario = {
  name: 'chat-turns',
  async run({ config, root }) {
    const messages = knownMessages(root);
    const parse = parseTimes(messages, 5);
    const database = config.databaseUrl ? 'server Postgres' : 'embedded Postgres';
    const turns = await chatTurns(root, config.databaseUrl, Math.max(100, Math.round(config.tasks / 100)));
    return {
      rows: [row('parseMessage, every known message', parse, `${messages.length} messages × 5 rounds, no I/O`), row(`POST /chat, one at a time (${database})`, turns, 'the held-out conversations in order')],
      details: { parse, turns, database, messages: messages.length },
    };
  },
};
