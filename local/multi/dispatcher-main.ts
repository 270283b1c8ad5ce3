// The dispatcher as its own process: EVENT_BUS_URL=kafka://host:port DISPATCH_TARGETS=task=http://127.0.0.1:18181,...
// DISPATCH_ISSUER and DISPATCH_SIGNING_JWK (a private ES256 JWK): who it is and the key it signs deliveries with.
// PORT serves GET /ready (200 once every consumer group is joined), GET /live and the public key set.
import { createServer } from 'node:http';
import type { JWK } from 'jose';
import { parseKafkaUrl } from '#shared/bus/kafka-url';
import { senderTokenSigner } from '#shared/events/sender-token';
import { createLogger } from '#shared/log/logger';
import { closeServer } from '#shared/runtime/http-server';
import { createLifecycle } from '#shared/runtime/lifecycle';
import { stopOnSignals } from '#shared/runtime/stop-on-signals';
import { DISPATCHER_SUBJECT, JWKS_PATH } from './dispatch-identity';
import { parseTargets } from './dispatch-targets';
import { startDispatcher } from './dispatcher';

const log = createLogger({ service: 'dispatcher', level: process.env.LOG_LEVEL ?? 'info' });
const lifecycle = createLifecycle({ log });
stopOnSignals(lifecycle, log);
const { brokers } = parseKafkaUrl(process.env.EVENT_BUS_URL ?? '');
const privateJwk = JSON.parse(process.env.DISPATCH_SIGNING_JWK ?? 'null') as JWK | null;
if (!privateJwk || !process.env.DISPATCH_ISSUER) throw new Error('DISPATCH_ISSUER and DISPATCH_SIGNING_JWK are required: deliveries are signed');
const { d: _private, ...publicJwk } = privateJwk;
const publicJwks = JSON.stringify({ keys: [{ ...publicJwk, use: 'sig' }] });
const signer = senderTokenSigner({ privateJwk, issuer: process.env.DISPATCH_ISSUER, subject: DISPATCHER_SUBJECT });
const dispatcher = startDispatcher({ brokers, targets: parseTargets(process.env.DISPATCH_TARGETS ?? ''), signer, log });
lifecycle.onStop({ name: 'dispatcher', run: () => dispatcher.stop() });

const server = createServer((request, response) => {
  if (request.url === JWKS_PATH) return void response.writeHead(200, { 'content-type': 'application/json' }).end(publicJwks);
  const ok = request.url === '/live' || (request.url === '/ready' && lifecycle.state() === 'running');
  response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'up' : 'down' }));
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
lifecycle.onStop({ name: 'health server', run: () => closeServer(server, { drainMs: 1_000 }), budgetMs: 1_500 });

await lifecycle.step(dispatcher.joined());
lifecycle.started();
log.info('ready');
