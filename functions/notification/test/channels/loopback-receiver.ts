import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1 for tests: records each request and answers with the next status
 * of `statuses` (the last one repeats), or the status `statuses` gives for the request's path;
 * status 0 never answers (a receiver that hangs) until closed.
 */
export async function startLoopbackReceiver(statuses: number[] | ((path: string) => number) = [200]) {
  const received: Received[] = [];
  let answers = typeof statuses === 'function' ? [] : [...statuses];
  const next = (path: string) => (typeof statuses === 'function' ? statuses(path) : answers.length > 1 ? answers.shift()! : (answers[0] ?? 200));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = next(req.url ?? '');
      if (status === 0) return;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/todo`,
    received,
    answerWith(next: number[]) {
      answers = [...next];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
