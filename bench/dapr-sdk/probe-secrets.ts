import { daprSecretSource } from '../../shared/src/secrets/dapr-secret-source';
import { type Finding, outcome, type ProbeContext, wire } from './probe-kit';

/** The secrets the bench's store holds, and which of them the Configuration's scopes allow. */
export const BENCH_SECRETS = { 'bench-secret': { value: 'v1' }, 'bench-denied': { value: 'never-read' } };
export const ALLOWED_SECRETS = ['bench-secret', 'bench-missing'];

const CASES = [
  { case: 'a secret the store holds', store: 'kubernetes', name: 'bench-secret' },
  { case: 'a secret the store lacks (allowed by the scopes)', store: 'kubernetes', name: 'bench-missing' },
  { case: 'a secret denied by the secret scopes', store: 'kubernetes', name: 'bench-denied' },
  { case: 'an unknown secret store', store: 'no-such-store', name: 'bench-secret' },
];

/** `secret.get` against daprSecretSource for each way a secret read ends. */
export async function probeSecrets(context: ProbeContext): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const probe of CASES) {
    const direct = daprSecretSource({ sidecar: context.sidecar, store: probe.store, waitMs: 5_000 });
    findings.push({
      block: 'secrets',
      case: probe.case,
      daprd: await wire(context.sidecar, `/v1.0/secrets/${probe.store}/${probe.name}`),
      sdk: await outcome(() => context.sdk.secret.get(probe.store, probe.name)),
      direct: await outcome(() => direct(probe.name)),
    });
  }
  return findings;
}
