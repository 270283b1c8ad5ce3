import { describe, expect, it } from 'vitest';
import type { DaprSidecar } from '../dapr/dapr-sidecar';
import { daprSecretSource } from './dapr-secret-source';

/** What a sidecar under test must hold in its `kubernetes` store for the contract. */
export const CONTRACT_SECRETS = {
  /** Readable (listed under `allowedSecrets`). */
  'api-credentials': { API_KEY: 'key-1', API_SECRET: 'secret-1' },
  /** Present but not listed: the scopes deny it. */
  'other-team': { TOKEN: 'not-yours' },
};
/** Listed, so readable if present, but the store does not have it. */
export const CONTRACT_MISSING = 'never-created';
export const CONTRACT_ALLOWED = ['api-credentials', CONTRACT_MISSING];

/**
 * The secret API as the adapter relies on it, run against the fake sidecar (fast, in the unit suite)
 * and against a real daprd (the Dapr suite), so the fake cannot say what daprd does not.
 */
export function secretSourceContract(label: string, sidecar: () => DaprSidecar): void {
  describe(`the secrets API, as ${label} answers it`, () => {
    const source = () => daprSecretSource({ sidecar: sidecar(), store: 'kubernetes', waitMs: 30_000 });

    it('gives a present secret with all its keys', async () => {
      expect(await source()('api-credentials')).toEqual(CONTRACT_SECRETS['api-credentials']);
    });

    it('says a listed secret the store lacks is missing (null), not an error', async () => {
      expect(await source()(CONTRACT_MISSING)).toBeNull();
    });

    it('refuses a secret the Configuration does not list, naming it', async () => {
      await expect(source()('other-team')).rejects.toThrow(/other-team.*denied.*403/);
    });

    it('refuses a store that does not exist, as a failure (not as missing)', async () => {
      const wrongStore = daprSecretSource({ sidecar: sidecar(), store: 'no-such-store', waitMs: 30_000 });
      await expect(wrongStore('api-credentials')).rejects.toThrow(/no-such-store failed: 401 .*ERR_SECRET_STORE_NOT_FOUND/);
    });

    it('is refused without the sidecar API token', async () => {
      const { url } = sidecar();
      const tokenless = daprSecretSource({ sidecar: { url, headers: (extra = {}) => extra }, store: 'kubernetes', waitMs: 2_000 });
      await expect(tokenless('api-credentials')).rejects.toThrow(/401/);
    });
  });
}
