import type { Hono } from 'hono';
import type { Consumer } from '#shared/events/consumer';
import { createAuditConsumer } from './audit-consumer';
import type { AuditDeps } from './audit-deps';
import { auditRoutes } from './audit-routes';

/** The audit function's parts, mounted by its own entry point or by the one-process system. */
export function createAuditFunction(deps: AuditDeps): { name: 'audit'; routes: Hono<never>; consumer: Consumer } {
  return {
    name: 'audit',
    routes: auditRoutes(deps) as unknown as Hono<never>,
    consumer: createAuditConsumer(deps),
  };
}
