// The project's side of bench/dapr-sdk: the direct adapters (fetch against the sidecar's HTTP API) for
// the same three calls as sdk-entry.ts — a secret (daprSecretSource), state get + save with an ETag and
// first-write (daprRateLimiter) and a structured CloudEvent publish (createDaprBus).
import { randomUUID } from 'node:crypto';
import { createDaprBus } from '../../shared/src/bus/dapr-bus';
import { daprSidecarIn } from '../../shared/src/dapr/dapr-sidecar';
import type { Logger } from '../../shared/src/log/logger';
import { daprRateLimiter } from '../../shared/src/rate-limit/dapr-rate-limiter';
import { daprSecretSource } from '../../shared/src/secrets/dapr-secret-source';
import { benchCall, runEntry, sampleEvent } from './entry-kit';

// The bus logs only in subscribe(); a stub keeps pino out, so the bundle holds the Dapr code alone.
const quiet = { debug: () => {} } as unknown as Logger;

void runEntry(async () => {
  const { call, store, name } = benchCall(process.env);
  const sidecar = daprSidecarIn(process.env);
  if (call === 'secret') return daprSecretSource({ sidecar, store, waitMs: 30_000 })(name);
  if (call === 'state') return daprRateLimiter({ sidecar, store, policy: { limit: 1_000, windowSeconds: 60 } }).hit(name, new Date());
  const bus = createDaprBus({ url: `dapr://${store}`, sidecar, log: quiet });
  const event = sampleEvent(randomUUID(), randomUUID());
  await bus.publish([event]);
  return event.id;
});
