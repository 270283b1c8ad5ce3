import { type Agent, request } from 'node:http';

export interface HttpCallOptions {
  method: string;
  headers?: Record<string, string>;
  body?: string;
  agent: Agent;
  /** Gives up (rejects) after this long. */
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  body: string;
  /** performance.now() when the request got its connection (it may wait for one in the agent before). */
  connectedAt: number;
}

/** One HTTP/1.1 call over `agent` (node:http: lighter per call than fetch when thousands are in flight). */
export function httpCall(url: URL, options: HttpCallOptions): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    let connectedAt = Number.NaN;
    const req = request(url, { method: options.method, headers: options.headers, agent: options.agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body, connectedAt });
      });
      response.on('error', fail);
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${Math.round(options.timeoutMs / 1000)} s`)), Math.max(0, options.timeoutMs));
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    req.on('socket', () => (connectedAt = performance.now()));
    req.on('error', fail);
    req.end(options.body);
  });
}
