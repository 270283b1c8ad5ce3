import * as z from 'zod/mini';
import { pageOf } from '#shared/contracts/page';
import type { Holds, SameShape } from '#shared/contracts/same-shape';
import { Rfc3339 } from '#shared/contracts/time';
import { problemAnswer } from '#shared/http/openapi/problem-schema';
import type { ApiContracts } from '#shared/http/openapi/route-contract';
import { HistoryQuery, TaskHistoryQuery } from './history-query';
import type { HistoryItem as StoredHistoryItem } from './list-history';
import type { ChainVerdict as StoredChainVerdict } from './verify-chain';

const Sha256 = z.string().check(z.regex(/^[0-9a-f]{64}$/));

const HistoryItem = z.object({
  sequence: z.number().check(z.int(), z.minimum(1)),
  eventId: z.string(),
  source: z.string(),
  type: z.string(),
  subject: z.string(),
  taskId: z.nullable(z.string()),
  time: Rfc3339,
  receivedAt: Rfc3339,
  traceparent: z.string(),
  data: z.unknown(),
  prevHash: Sha256,
  hash: Sha256,
});

z.globalRegistry.add(HistoryItem, { id: 'AuditRecord' });

const ChainVerdict = z.union([
  z.object({ ok: z.literal(true), records: z.number().check(z.int()) }),
  z.object({ ok: z.literal(false), brokenAt: z.object({ sequence: z.number().check(z.int()), eventId: z.nullable(z.string()), reason: z.string() }) }),
]);

export type HistoryItemAgrees = Holds<SameShape<z.infer<typeof HistoryItem>, StoredHistoryItem>>;
export type ChainVerdictAgrees = Holds<SameShape<z.infer<typeof ChainVerdict>, StoredChainVerdict>>;

const PERIOD_RULE = { to: 'is later than `from`' };
const BAD_CURSOR = problemAnswer('the cursor is not one this server issued for this query');

/** The audit function's routes, from the schemas they validate with. */
export const AUDIT_API: ApiContracts = {
  tag: 'audit',
  description: "A user's activity history: every event about their data, hash-chained.",
  routes: [
    {
      method: 'get',
      path: '/audit',
      operationId: 'listHistory',
      summary: 'The activity history, newest first by default, a page at a time',
      caller: 'user',
      query: HistoryQuery,
      rules: PERIOD_RULE,
      responses: { 200: { description: 'a page of records', content: pageOf(HistoryItem) }, 400: BAD_CURSOR },
    },
    {
      method: 'get',
      path: '/audit/tasks/:taskId',
      operationId: 'listTaskHistory',
      summary: "One task's history, oldest first by default",
      caller: 'user',
      pathParameters: { taskId: z.uuid() },
      query: TaskHistoryQuery,
      rules: PERIOD_RULE,
      responses: { 200: { description: 'a page of records', content: pageOf(HistoryItem) }, 400: BAD_CURSOR },
    },
    {
      method: 'get',
      path: '/audit/verify',
      operationId: 'verifyHistory',
      summary: "Check the user's whole hash chain",
      caller: 'user',
      query: z.strictObject({}),
      responses: { 200: { description: 'whether every link holds, or the first that does not', content: ChainVerdict } },
    },
  ],
};
