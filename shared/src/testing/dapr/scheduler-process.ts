import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../../bench/spawn-function';
import { daprBinaries } from './dapr-binaries';
import { type ManagedChild, startChild, waitForStatus } from './managed-child';

export interface Scheduler extends ManagedChild {
  /** `host:port` for daprd's `--scheduler-host-address`. */
  readonly address: string;
}

/** The Dapr Jobs scheduler in standalone mode with its embedded etcd in a fresh folder (removed on stop). */
export async function startScheduler(): Promise<Scheduler> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dapr-scheduler-'));
  const [port, healthzPort, metricsPort, clientPort, peerPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const args = [
    '--mode', 'standalone',
    '--listen-address', '127.0.0.1',
    '--port', String(port),
    '--healthz-port', String(healthzPort),
    '--healthz-listen-address', '127.0.0.1',
    '--metrics-port', String(metricsPort),
    '--etcd-data-dir', dataDir,
    '--etcd-client-port', String(clientPort),
    '--etcd-client-listen-address', '127.0.0.1',
    '--etcd-initial-cluster', `dapr-scheduler-server-0=http://127.0.0.1:${peerPort}`,
    '--override-broadcast-host-port', `127.0.0.1:${port}`,
    '--log-level', 'info',
  ];
  const child = startChild(daprBinaries().scheduler, args, { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' });
  await waitForStatus(child, 'scheduler', `http://127.0.0.1:${healthzPort}/healthz`, 200, 60_000);
  return {
    ...child,
    address: `127.0.0.1:${port}`,
    async stop(graceMs) {
      await child.stop(graceMs);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
