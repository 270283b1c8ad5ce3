import type { DaprSidecar } from '#shared/dapr/dapr-sidecar';
import { inSpan, SpanKind } from '#shared/trace/spans';
/** The three functions the chat function calls. In Dapr they are app-ids; directly, base URLs. */
export type AppId = 'task' | 'reminder' | 'notification';

/** Who is calling and in which trace: forwarded on every call so each service authorizes the user itself. */
export interface CallContext {
  token: string;
  traceparent: string;
  /** The origin of the server this request arrived on (direct mode's default target). */
  selfUrl: string;
}

export interface ServiceRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path with query, starting with `/`. */
  path: string;
  body?: unknown;
  /** Headers of this request besides the ones every call carries (`If-Match`). */
  headers?: Record<string, string>;
}

/** Sends one HTTP request to a function; the two implementations differ only in the URL they build. */
export interface ServiceTransport {
  readonly mode: 'direct' | 'dapr';
  send(app: AppId, request: ServiceRequest, context: CallContext): Promise<Response>;
}

const TIMEOUT_MS = 5_000;

function headersFor(request: ServiceRequest, context: CallContext, extra: Record<string, string>): Record<string, string> {
  return {
    authorization: `Bearer ${context.token}`,
    traceparent: context.traceparent,
    accept: 'application/json',
    ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...request.headers,
    ...extra,
  };
}

function requestInit(request: ServiceRequest, headers: Record<string, string>): RequestInit {
  return { method: request.method, headers, ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}) };
}

function send(url: string, request: ServiceRequest, headers: Record<string, string>): Promise<Response> {
  const attributes = { 'http.request.method': request.method, 'server.address': new URL(url).host, 'url.path': request.path.split('?')[0]! };
  return inSpan(request.method, { kind: SpanKind.CLIENT, attributes }, async (traceparent, span) => {
    // Traced: the callee's server span is this client span's child; untraced: the chat request's own traceparent, as before.
    const sent = span ? { ...headers, traceparent } : headers;
    const response = await fetch(url, { ...requestInit(request, sent), signal: AbortSignal.timeout(TIMEOUT_MS) });
    span?.setAttribute('http.response.status_code', response.status);
    return response;
  });
}

/** The HTTP app of this very process (the one-process system), answering a `Request` without a socket. */
export type InProcessApp = (request: Request) => Promise<Response>;

/** The same request handed to this process's app: the same routes, middleware and answers, without a socket. */
function sendInProcess(inProcess: InProcessApp, request: ServiceRequest, headers: Record<string, string>): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  const answer = inProcess(new Request(`http://in-process${request.path}`, requestInit(request, headers)));
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Plain HTTP to each function's URL. A function without one is on the server the request arrived on
 * (the one-process system): reached in process when the app is given, else over loopback.
 */
export function directTransport(urls: Partial<Record<AppId, string>>, inProcess?: InProcessApp): ServiceTransport {
  return {
    mode: 'direct',
    send: (app, request, context) => {
      const headers = headersFor(request, context, {});
      const url = urls[app];
      if (!url && inProcess) return sendInProcess(inProcess, request, headers);
      return send(`${(url ?? context.selfUrl).replace(/\/$/, '')}${request.path}`, request, headers);
    },
  };
}

/**
 * Dapr service invocation through the sidecar: `http://127.0.0.1:<port>/v1.0/invoke/<app-id>/method/<path>`.
 * The sidecar forwards method, body and headers (the bearer token and `traceparent` included).
 */
export function daprTransport(sidecar: DaprSidecar): ServiceTransport {
  const extra = sidecar.headers();
  return {
    mode: 'dapr',
    send: (app, request, context) =>
      send(`${sidecar.url}/v1.0/invoke/${app}/method${request.path}`, request, headersFor(request, context, extra)),
  };
}
