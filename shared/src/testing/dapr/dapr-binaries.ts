import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

/** The Dapr version the project pins (dapr/sidecar/go.mod), e.g. `v1.18.0`. */
export function daprVersion(): string {
  const goMod = readFileSync(join(root, 'dapr/sidecar/go.mod'), 'utf8');
  const version = /^require github\.com\/dapr\/dapr (v[\d.]+)$/m.exec(goMod)?.[1];
  if (!version) throw new Error('dapr/sidecar/go.mod does not require github.com/dapr/dapr');
  return version;
}

/** Where scripts/dapr-sidecar.sh leaves `daprd` and `scheduler`; throws with the command to run when they are missing. */
export function daprBinaries(): { daprd: string; scheduler: string } {
  const folder = join(root, '.cache', `dapr-${daprVersion()}`);
  const binaries = { daprd: join(folder, 'daprd'), scheduler: join(folder, 'scheduler') };
  for (const path of Object.values(binaries)) {
    if (!existsSync(path)) throw new Error(`${path} is missing: run bash scripts/dapr-sidecar.sh build`);
  }
  return binaries;
}

export const PROJECT_ROOT = root;
