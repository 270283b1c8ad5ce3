import { randomBytes } from 'node:crypto';
import { StateConcurrencyEnum, StateConsistencyEnum } from '@dapr/dapr';
import { daprRateLimiter } from '../../shared/src/rate-limit/dapr-rate-limiter';
import { type Finding, loggedSince, outcome, type ProbeContext, wire } from './probe-kit';

const STORE = 'statestore';
const FIRST_WRITE = { concurrency: StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE, consistency: StateConsistencyEnum.CONSISTENCY_UNSPECIFIED };
const json = { 'content-type': 'application/json' };

/**
 * The state calls the rate limit makes, through `state.get` / `getBulk` / `save` and through
 * daprRateLimiter (whose reads and writes are the fetches shown in the daprd column).
 */
export async function probeState(context: ProbeContext): Promise<Finding[]> {
  const { sdk, sidecar } = context;
  const key = `bench-${randomBytes(4).toString('hex')}`;
  const save = (items: unknown[]) => wire(sidecar, `/v1.0/state/${STORE}`, { method: 'POST', headers: json, body: JSON.stringify(items) });
  const findings: Finding[] = [];
  const limiter = daprRateLimiter({ sidecar, store: STORE, policy: { limit: 5, windowSeconds: 60 } });

  findings.push({
    block: 'state',
    case: 'read a key that does not exist',
    daprd: await wire(sidecar, `/v1.0/state/${STORE}/${key}`),
    sdk: `get ${await outcome(() => sdk.state.get(STORE, key))}; getBulk ${await outcome(() => sdk.state.getBulk(STORE, [key]))}`,
    direct: 'read() → null (the counter is 0); the write then goes without an ETag',
  });

  await save([{ key, value: 1 }]);
  const etag = (await sdk.state.getBulk(STORE, [key]))[0]?.etag as string | undefined;
  findings.push({
    block: 'state',
    case: 'read a key: is the ETag given?',
    daprd: await wire(sidecar, `/v1.0/state/${STORE}/${key}`, {}, ['etag']),
    sdk: `get ${await outcome(() => sdk.state.get(STORE, key))} (the value only); getBulk ${await outcome(() => sdk.state.getBulk(STORE, [key]))}`,
    direct: 'read() → { count, etag } from the body and the ETag header',
  });

  let mark = context.sdkLog.length;
  const sdkSaveOk = await outcome(() => sdk.state.save(STORE, [{ key, value: 2, etag, options: FIRST_WRITE, metadata: { ttlInSeconds: '120' } }]));
  findings.push({
    block: 'state',
    case: 'save with the current ETag, first-write, item ttlInSeconds 120',
    daprd: `204; then GET ${await wire(sidecar, `/v1.0/state/${STORE}/${key}`, {}, ['etag', 'metadata.ttlexpiretime'])}`,
    sdk: sdkSaveOk + loggedSince(context.sdkLog, mark),
    direct: `hit() → ${await outcome(() => limiter.hit(key, new Date()))}`,
  });

  mark = context.sdkLog.length;
  findings.push({
    block: 'state',
    case: 'save with a stale ETag, first-write (ETag mismatch)',
    daprd: await save([{ key, value: 3, etag, options: { concurrency: 'first-write' } }]),
    sdk: (await outcome(() => sdk.state.save(STORE, [{ key, value: 3, etag, options: FIRST_WRITE }]))) + loggedSince(context.sdkLog, mark),
    direct: 'the write answers 409 → hit() reads again and retries (see the concurrent case)',
  });

  mark = context.sdkLog.length;
  findings.push({
    block: 'state',
    case: 'save without an ETag, first-write, the key exists (a lost create race)',
    daprd: await save([{ key, value: 4, options: { concurrency: 'first-write' } }]),
    sdk: (await outcome(() => sdk.state.save(STORE, [{ key, value: 4, options: FIRST_WRITE }]))) + loggedSince(context.sdkLog, mark),
    direct: 'a 500 with the counter now present counts as a lost race (trap 20) → read again, retry',
  });

  const concurrent = await Promise.all(Array.from({ length: 12 }, () => limiter.hit(`bench-race-${key}`, new Date())));
  findings.push({
    block: 'state',
    case: '12 concurrent hits of one key, limit 5 (first-write races)',
    daprd: '409 / 500 for the losers of each race',
    sdk: 'no rate limiter on the SDK to run; a port would need getBulk for the ETag and save()’s {error} message parsed for 409/500',
    direct: `${concurrent.filter((decision) => decision.allowed).length} of 12 allowed`,
  });
  return findings;
}

