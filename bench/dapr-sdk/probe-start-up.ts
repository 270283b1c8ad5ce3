import { once } from 'node:events';
import { createServer } from 'node:http';
import type { DaprSidecar } from '../../shared/src/dapr/dapr-sidecar';
import { daprSecretSource } from '../../shared/src/secrets/dapr-secret-source';
import { freePort } from '../spawn-function';
import { LogLevel } from '@dapr/dapr';
import { type Finding, outcome, sdkClient } from './probe-kit';

/** A stand-in sidecar that answers every request (204 for health checks, `{}` otherwise) and notes its path. */
async function recordingSidecar(): Promise<{ port: number; paths: string[]; close(): Promise<void> }> {
  const port = await freePort();
  const paths: string[] = [];
  const server = createServer((request, response) => {
    const path = (request.url ?? '').replace(/\?$/, '');
    paths.push(path);
    if (path.includes('/healthz')) return void response.writeHead(204).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return { port, paths, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const sidecarAt = (port: number): DaprSidecar => ({ url: `http://127.0.0.1:${port}`, headers: (extra = {}) => extra });

async function timed(call: () => Promise<string>): Promise<string> {
  const started = performance.now();
  const result = await call();
  return `${result} after ${Math.round(performance.now() - started)} ms`;
}

/** What a client does before its first call, and how long it waits when no sidecar answers. */
export async function probeStartUp(): Promise<Finding[]> {
  const recorder = await recordingSidecar();
  const findings: Finding[] = [];
  try {
    const { sdk, sdkLog } = sdkClient(recorder.port, undefined, LogLevel.Info);
    await sdk.secret.get('kubernetes', 'first');
    const sdkFirst = recorder.paths.splice(0);
    const fresh = sdkClient(recorder.port, undefined).sdk;
    await Promise.all(['a', 'b', 'c'].map((name) => fresh.secret.get('kubernetes', name)));
    const sdkConcurrent = recorder.paths.splice(0);
    await daprSecretSource({ sidecar: sidecarAt(recorder.port), store: 'kubernetes', waitMs: 5_000 })('first');
    const directFirst = recorder.paths.splice(0);
    findings.push({
      block: 'start-up',
      case: 'requests for the first secret read of a new client (a stand-in sidecar records them)',
      daprd: '-',
      sdk: `${sdkFirst.join(' → ')}; a new client's first three reads at once: ${sdkConcurrent.filter((path) => path.endsWith('/metadata')).length} × /metadata; at its default level (Info) it logged ${JSON.stringify(sdkLog)} to the console`,
      direct: directFirst.join(' → '),
    });
  } finally {
    await recorder.close();
  }

  const closed = await freePort();
  findings.push({
    block: 'start-up',
    case: 'no sidecar on the port (connection refused): the first secret read',
    daprd: '-',
    sdk: await timed(() => outcome(() => sdkClient(closed, undefined).sdk.secret.get('kubernetes', 'x'))),
    direct: await timed(() => outcome(() => daprSecretSource({ sidecar: sidecarAt(closed), store: 'kubernetes', waitMs: 2_000 })('x'))),
  });
  return findings;
}
