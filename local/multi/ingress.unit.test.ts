import { createServer, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ingress, startIngress } from './ingress';

const seen: string[] = [];
const target = createServer((incoming, outgoing) => {
  seen.push(incoming.url ?? '');
  outgoing.writeHead(200).end('target');
});
let ingress: Ingress;

beforeAll(async () => {
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const address = target.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  ingress = await startIngress({ port: 0, host: '127.0.0.1', routes: [{ prefix: '/tasks', target: url }, { prefix: '', target: url }] });
});
afterAll(async () => {
  await ingress.stop();
  target.close();
});

/** Sends the path exactly as written (fetch would normalise it first, as a browser does; an attacker's client need not). */
function rawGet(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(`${ingress.url}/`, { method: 'POST', path }, (answer) => {
      answer.resume();
      resolve(answer.statusCode ?? 0);
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('the local ingress', () => {
  it.each(['/events', '/dapr/events', '/dapr/subscribe', '/job/reminder-1', '/tasks/../events', '/tasks/%2e%2e/events', '/./events', '//events', '/tasks/../dapr/events', '/x/../../job/a'])(
    'never forwards %s to a function',
    async (path) => {
      seen.length = 0;
      expect(await rawGet(path)).toBe(404);
      expect(seen).toEqual([]);
    },
  );

  it('forwards the normalised path', async () => {
    seen.length = 0;
    expect(await rawGet('/tasks/a/../b?x=1')).toBe(200);
    expect(seen).toEqual(['/tasks/b?x=1']);
  });
});
