import { Hono } from 'hono';
import { perUserRateLimit } from '#shared/rate-limit/per-user-rate-limit';
import { rateLimiterFor } from '#shared/rate-limit/rate-limit-config';
import type { FunctionParts } from '#shared/runtime/function-module';
import type { ChatDeps } from './chat-deps';
import { authRoutes } from './http/auth-routes';
import { callContextOf } from './http/call-context';
import { chatRoutes } from './http/chat-routes';
import { pageRoutes } from './http/page-routes';
import { warmUpParser } from './language';
import { chooseLiveFanout } from './live/choose-fanout';
import { createLiveConsumer } from './live/live-consumer';
import { streamRoutes } from './live/stream-route';
import { postgresStreamTickets } from './live/stream-tickets';
import { mcpRoutes } from './mcp/mcp-route';
import { functionRoutes } from '#shared/http/function-routes';
import { CHAT_API } from './chat-api';

/** The chat function's parts: the page, the chat API, sign-in, the live stream, MCP, its consumer and the live fan-out. */
export function createChatFunction(deps: ChatDeps): FunctionParts & { consumer: NonNullable<FunctionParts['consumer']> } {
  const callContext = (c: Parameters<typeof callContextOf>[0]) => callContextOf(c, deps.port);
  // Before the routes they guard: per-user limits on the two entry points that make work downstream.
  const limit = perUserRateLimit({ limiter: rateLimiterFor(deps.config, deps.sidecar), authenticate: deps.authenticate, clock: deps.clock, log: deps.log, metrics: deps.metrics });
  const guards = new Hono().use('/chat', ...limit('chat')).use('/mcp', ...limit('mcp'));
  const tickets = postgresStreamTickets({ sql: deps.sql, schema: deps.schema });
  const routes = functionRoutes(
    guards,
    pageRoutes(new URL('./public/', import.meta.url)),
    authRoutes({
      ...(deps.localSecret ? { secret: deps.localSecret } : {}),
      production: deps.config.NODE_ENV === 'production',
      issuer: deps.config.AUTH_ISSUER,
      audience: deps.config.AUTH_AUDIENCE,
    }),
    chatRoutes({
      sql: deps.sql,
      schema: deps.schema,
      clock: deps.clock,
      newId: deps.newId,
      authenticate: deps.authenticate,
      clients: deps.clients,
      defaultTimeZone: deps.config.DEFAULT_TIME_ZONE,
      callContext,
      ...(deps.model ? { model: deps.model } : {}),
    }),
    streamRoutes({ authenticate: deps.authenticate, tickets, hub: deps.hub, closing: deps.stopping }),
    mcpRoutes({ authenticate: deps.authenticate, clients: deps.clients, callContext }),
  );
  const fanout = chooseLiveFanout({ setting: deps.config.LIVE_FANOUT, databaseUrl: deps.config.DATABASE_URL, sql: deps.sql, schema: deps.schema, hub: deps.hub, log: deps.log, stopping: deps.stopping });
  const start = () => {
    warmUpParser(deps.clock());
    return fanout.start();
  };
  return { routes, api: CHAT_API, consumer: createLiveConsumer(fanout), start, stop: () => fanout.stop() };
}
