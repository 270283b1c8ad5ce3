// The dispatcher as its own process: EVENT_BUS_URL=kafka://host:port DISPATCH_TARGETS=task=http://127.0.0.1:18181,...
// PORT serves GET /ready (200 once every consumer group is joined) and GET /live.
import { createServer } from 'node:http';
import { parseKafkaUrl } from '#shared/bus/kafka-url';
import { createLogger } from '#shared/log/logger';
import { closeServer } from '#shared/runtime/http-server';
import { createLifecycle } from '#shared/runtime/lifecycle';
import { stopOnSignals } from '#shared/runtime/stop-on-signals';
import { parseTargets } from './dispatch-targets';
import { startDispatcher } from './dispatcher';

const log = createLogger({ service: 'dispatcher', level: process.env.LOG_LEVEL ?? 'info' });
const lifecycle = createLifecycle({ log });
stopOnSignals(lifecycle, log);
const { brokers } = parseKafkaUrl(process.env.EVENT_BUS_URL ?? '');
const dispatcher = startDispatcher({ brokers, targets: parseTargets(process.env.DISPATCH_TARGETS ?? ''), log });
lifecycle.onStop({ name: 'dispatcher', run: () => dispatcher.stop() });

const server = createServer((request, response) => {
  const ok = request.url === '/live' || (request.url === '/ready' && lifecycle.state() === 'running');
  response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'up' : 'down' }));
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
lifecycle.onStop({ name: 'health server', run: () => closeServer(server, { drainMs: 1_000 }), budgetMs: 1_500 });

await lifecycle.step(dispatcher.joined());
lifecycle.started();
log.info('ready');
