/** The sidecar's HTTP API as the app sees it: a base URL and the headers every call carries. */
export interface DaprSidecar {
  /** e.g. `http://127.0.0.1:3500` */
  url: string;
  /** `dapr-api-token` when the sidecar requires one, plus `extra`. */
  headers(extra?: Record<string, string>): Record<string, string>;
}

const DEFAULT_HTTP_PORT = 3500;

/**
 * The sidecar beside this process. The Dapr injector sets `DAPR_HTTP_PORT` (and `DAPR_API_TOKEN` when
 * the API is protected) in the app container; daprd listens on loopback only.
 */
export function daprSidecar(env: Record<string, string | undefined>): DaprSidecar {
  const port = Number(env.DAPR_HTTP_PORT ?? DEFAULT_HTTP_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`DAPR_HTTP_PORT ${env.DAPR_HTTP_PORT} is not a port`);
  const token = env.DAPR_API_TOKEN;
  return {
    url: `http://127.0.0.1:${port}`,
    headers: (extra = {}) => ({ ...(token ? { 'dapr-api-token': token } : {}), ...extra }),
  };
}

/** A fetch to the sidecar that gives up after `timeoutMs`; network errors and timeouts reject. */
export function callSidecar(sidecar: DaprSidecar, path: string, init: RequestInit & { timeoutMs: number }): Promise<Response> {
  const { timeoutMs, headers, ...rest } = init;
  return fetch(`${sidecar.url}${path}`, { ...rest, headers: sidecar.headers(headers as Record<string, string> | undefined), signal: AbortSignal.timeout(timeoutMs) });
}

/** Names of Dapr components as Dapr accepts them in URLs (letters, digits, `-`, `_`, `.`). */
export const COMPONENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
