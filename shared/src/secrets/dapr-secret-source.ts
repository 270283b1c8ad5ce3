import { setTimeout as sleep } from 'node:timers/promises';
import { callSidecar, type DaprSidecar } from '../dapr/dapr-sidecar';

/** A secret by name: its keys and values, or null when the store has no such secret. */
export type SecretSource = (name: string) => Promise<Record<string, string> | null>;

const CALL_TIMEOUT_MS = 5_000;
const POLL_MS = 250;

export interface DaprSecretSourceOptions {
  sidecar: DaprSidecar;
  store: string;
  /** How long to wait for the sidecar's components at start (daprd starts beside the app). */
  waitMs: number;
}

/**
 * Reads secrets through the sidecar: `GET /v1.0/secrets/<store>/<name>` → 200 with a key→value map
 * (a Kubernetes Secret: its keys; a vault entry: `{<name>: <value>}`); no such secret → the 204 the
 * API reference documents or, what daprd 1.18 really answers, `500 {"errorCode": "ERR_SECRET_GET",
 * "message": "… not found"}` (the store's own not-found error, passed on); 403 = denied by the
 * Configuration's secret scopes. Waits first until `GET /v1.0/healthz/outbound` answers 204
 * (components loaded; it does not wait for the app, unlike `/v1.0/healthz`).
 */
export function daprSecretSource(options: DaprSecretSourceOptions): SecretSource {
  let ready: Promise<void> | undefined;
  return async (name) => {
    await (ready ??= waitForSidecar(options));
    const response = await callSidecar(options.sidecar, `/v1.0/secrets/${encodeURIComponent(options.store)}/${encodeURIComponent(name)}`, { method: 'GET', timeoutMs: CALL_TIMEOUT_MS });
    if (response.status === 204) return null;
    if (response.status === 200) return stringMap(await response.json(), name);
    const detail = (await response.text()).slice(0, 300);
    if (isNotFound(response.status, detail)) return null;
    if (response.status === 403) throw new Error(`the secret ${name} in store ${options.store} is denied by the Dapr Configuration's secret scopes (403): ${detail}`);
    throw new Error(`reading the secret ${name} from store ${options.store} failed: ${response.status} ${detail}`);
  };
}

async function waitForSidecar(options: DaprSecretSourceOptions): Promise<void> {
  const deadline = Date.now() + options.waitMs;
  let last = 'no answer';
  for (;;) {
    try {
      const response = await callSidecar(options.sidecar, '/v1.0/healthz/outbound', { method: 'GET', timeoutMs: CALL_TIMEOUT_MS });
      if (response.status === 204) return;
      last = `healthz/outbound answered ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() + POLL_MS > deadline) throw new Error(`the Dapr sidecar at ${options.sidecar.url} was not ready within ${options.waitMs} ms (${last})`);
    await sleep(POLL_MS);
  }
}

/** daprd passes a store's not-found error on as ERR_SECRET_GET (local.file: `secret x not found`; kubernetes: `secrets "x" not found`). */
function isNotFound(status: number, body: string): boolean {
  if (status !== 500) return false;
  try {
    const { errorCode, message } = JSON.parse(body) as { errorCode?: unknown; message?: unknown };
    return errorCode === 'ERR_SECRET_GET' && typeof message === 'string' && /\bnot found\b/i.test(message);
  } catch {
    return false;
  }
}

function stringMap(body: unknown, name: string): Record<string, string> {
  const entries = body && typeof body === 'object' && !Array.isArray(body) ? Object.entries(body) : null;
  if (!entries || entries.some(([, value]) => typeof value !== 'string')) throw new Error(`the secret ${name} is not a map of strings`);
  return Object.fromEntries(entries) as Record<string, string>;
}
