import * as z from 'zod/mini';
import { DAPR_SIDECAR_VARIABLES } from '../config/dapr-sidecar-variables';
import { loadConfig } from '../config/load-config';
import { inSpan, SpanKind } from '../trace/spans';

/** The sidecar's HTTP API as the app sees it: a base URL and the headers every call carries. */
export interface DaprSidecar {
  /** e.g. `http://127.0.0.1:3500` */
  url: string;
  /** `dapr-api-token` when the sidecar requires one, plus `extra`. */
  headers(extra?: Record<string, string>): Record<string, string>;
}

/**
 * The sidecar beside this process, from its parsed variables (`DAPR_HTTP_PORT`, and `DAPR_API_TOKEN`
 * when the API is protected); daprd listens on loopback only. Nothing is called until a request.
 */
export function daprSidecar(settings: { DAPR_HTTP_PORT: number; DAPR_API_TOKEN?: string | undefined }): DaprSidecar {
  const token = settings.DAPR_API_TOKEN;
  return {
    url: `http://127.0.0.1:${settings.DAPR_HTTP_PORT}`,
    headers: (extra = {}) => ({ ...(token ? { 'dapr-api-token': token } : {}), ...extra }),
  };
}

/** The sidecar an environment names (a fake sidecar's, a tool's `process.env`), its variables parsed as the runtime parses them. */
export function daprSidecarIn(env: Record<string, string | undefined>): DaprSidecar {
  return daprSidecar(loadConfig(z.object(DAPR_SIDECAR_VARIABLES), env));
}

/** A fetch to the sidecar that gives up after `timeoutMs`; network errors and timeouts reject. */
export function callSidecar(sidecar: DaprSidecar, path: string, init: RequestInit & { timeoutMs: number }): Promise<Response> {
  const { timeoutMs, headers, ...rest } = init;
  const method = init.method ?? 'GET';
  const attributes = { 'http.request.method': method, 'url.path': path, 'server.address': '127.0.0.1', 'peer.service': 'dapr' };
  return inSpan(`${method} dapr`, { kind: SpanKind.CLIENT, attributes }, async (traceparent, span) => {
    // The sidecar continues the trace (its own spans, and the events it publishes) from this header.
    const traced: Record<string, string> = span ? { traceparent } : {};
    const response = await fetch(`${sidecar.url}${path}`, { ...rest, headers: sidecar.headers({ ...(headers as Record<string, string> | undefined), ...traced }), signal: AbortSignal.timeout(timeoutMs) });
    span?.setAttribute('http.response.status_code', response.status);
    return response;
  });
}

/** Names of Dapr components as Dapr accepts them in URLs (letters, digits, `-`, `_`, `.`). */
export const COMPONENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
