import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSecrets {
  authJwtSecret: string;
}

/**
 * The local system's secret source: `<dataDir>/secrets.json`, created with random values on first
 * use (mode 0600). In a cluster secrets come from the Dapr secret store / Kubernetes secrets instead.
 */
export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secrets: LocalSecrets = { authJwtSecret: randomBytes(32).toString('base64url') };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
    return secrets;
  }
}
