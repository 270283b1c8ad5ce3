// The dispatcher as its own process: EVENT_BUS_URL=kafka://host:port DISPATCH_TARGETS=task=http://127.0.0.1:18181,...
// PORT serves GET /ready (200 once every consumer group is joined) and GET /live.
import { createServer } from 'node:http';
import { parseKafkaUrl } from '#shared/bus/kafka-url';
import { createLogger } from '#shared/log/logger';
import { parseTargets } from './dispatch-targets';
import { startDispatcher } from './dispatcher';

const log = createLogger({ service: 'dispatcher', level: process.env.LOG_LEVEL ?? 'info' });
const { brokers } = parseKafkaUrl(process.env.EVENT_BUS_URL ?? '');
const dispatcher = startDispatcher({ brokers, targets: parseTargets(process.env.DISPATCH_TARGETS ?? ''), log });
let ready = false;

const server = createServer((request, response) => {
  const ok = request.url === '/live' || (request.url === '/ready' && ready);
  response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'up' : 'down' }));
});
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    void dispatcher.stop().then(() => process.exit(0), () => process.exit(1));
  });
}

await dispatcher.joined();
ready = true;
log.info('ready');
