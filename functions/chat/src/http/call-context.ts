import type { IncomingMessage } from 'node:http';
import type { CallContext } from '../clients/service-transport';

interface RequestLike {
  req: { header(name: string): string | undefined };
  var: { traceparent: string };
  env: unknown;
}

/**
 * The caller's token and trace for onward calls, and this server's own origin: the port the request
 * arrived on (Node's socket), so direct mode reaches the same server without trusting the Host header.
 */
export function callContextOf(c: RequestLike, fallbackPort: number): CallContext {
  const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  const localPort = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.localPort;
  return { token, traceparent: c.var.traceparent, selfUrl: `http://127.0.0.1:${localPort ?? fallbackPort}` };
}
