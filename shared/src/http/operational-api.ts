import * as z from 'zod/mini';
import type { ApiContracts, RouteContract } from './openapi/route-contract';

const Checks = z.record(z.string(), z.string());
const Readiness = z.object({ status: z.enum(['up', 'down']), checks: Checks });

/** `/live`, `/ready`, `/health`, `/metrics` (where this port serves it) and the API descriptions. */
export function operationalContracts(options: { serveMetrics: boolean }): ApiContracts {
  const routes: RouteContract[] = [
    { method: 'get', path: '/live', operationId: 'live', summary: 'The process answers', caller: 'anyone', responses: { 200: { description: 'up', content: z.object({ status: z.literal('up') }) } } },
    {
      method: 'get',
      path: '/ready',
      operationId: 'ready',
      summary: 'Every dependency answers (the readiness probe)',
      caller: 'anyone',
      responses: { 200: { description: 'ready', content: Readiness }, 503: { description: 'starting, stopping, or a dependency is down (named in checks)', content: Readiness } },
    },
    {
      method: 'get',
      path: '/health',
      operationId: 'health',
      summary: 'Liveness and readiness with details',
      caller: 'anyone',
      responses: Object.fromEntries(
        [200, 503].map((status) => [status, { description: status === 200 ? 'up' : 'degraded', content: z.object({ status: z.enum(['up', 'degraded']), service: z.string(), uptimeSeconds: z.number(), checks: Checks }) }]),
      ),
    },
    {
      method: 'get',
      path: '/openapi.json',
      operationId: 'openApiDocument',
      summary: 'This document: the routes this process serves',
      caller: 'anyone',
      responses: { 200: { description: 'OpenAPI 3.1', content: { mediaType: 'application/json', schema: { type: 'object' } } } },
    },
    {
      method: 'get',
      path: '/asyncapi.json',
      operationId: 'asyncApiDocument',
      summary: "The system's topics, CloudEvents (Kafka binary and structured, HTTP deliveries) and the create-task command",
      caller: 'anyone',
      responses: { 200: { description: 'AsyncAPI 3.0', content: { mediaType: 'application/json', schema: { type: 'object' } } } },
    },
  ];
  if (options.serveMetrics) {
    routes.push({
      method: 'get',
      path: '/metrics',
      operationId: 'metrics',
      summary: 'Prometheus metrics (only where no METRICS_PORT is set, outside production)',
      caller: 'anyone',
      responses: { 200: { description: 'the Prometheus text format', content: { mediaType: 'text/plain', schema: { type: 'string' } } } },
    });
  }
  return { tag: 'operations', description: 'Probes, metrics and the API descriptions.', routes };
}
