import * as z from 'zod/mini';
import { problemAnswer } from '../http/openapi/problem-schema';
import type { ApiContracts } from '../http/openapi/route-contract';
import { CATALOG } from './catalog';
import type { Consumer } from './consumer';

const DAPR_STATUS = z.object({ status: z.enum(['SUCCESS', 'RETRY', 'DROP']) });

/** The event routes of a function run alone (a pod), for the events its consumer reads. */
export function eventRouteContracts(consumer: Consumer): ApiContracts {
  const structured = z.union(consumer.types.map((type) => CATALOG[type].schema) as unknown as [z.ZodMiniType, ...z.ZodMiniType[]]);
  const binaryHeaders = ['ce-specversion', 'ce-id', 'ce-source', 'ce-type', 'ce-subject', 'ce-time', 'ce-partitionkey', 'ce-traceparent', 'ce-userid'];
  return {
    tag: 'events',
    description: `CloudEvents for the ${consumer.name} function (${consumer.types.join(', ')}); the channels, bindings and payloads are in the AsyncAPI document.`,
    routes: [
      {
        method: 'post',
        path: '/events',
        operationId: `${consumer.name}DeliverEvent`,
        summary: 'Deliver a CloudEvent (Knative KafkaSource or Trigger, a producer listed in EVENT_PRODUCERS, or a person sending a command for themselves)',
        description: `Structured mode (\`application/cloudevents+json\`) or binary mode (the attributes as ${binaryHeaders.map((name) => `\`${name}\``).join(', ')} headers, the data as the JSON body). The sender is checked before the body is read.`,
        caller: 'event-sender',
        body: { mediaType: 'application/cloudevents+json', schema: structured },
        rateLimited: false,
        responses: {
          202: { description: 'acknowledged: handled, a duplicate, or a type this function ignores' },
          400: problemAnswer('dropped: an undecodable or invalid event, never retried (the dead-letter sink takes it)'),
          401: problemAnswer('no valid sender token', { 'WWW-Authenticate': { description: 'Bearer' } }),
          403: problemAnswer('a sender, or an event, this function does not take from that sender'),
          413: problemAnswer('the event is over the size limit'),
          503: problemAnswer('not now: deliver again later (the database is not reachable)'),
        },
      },
      {
        method: 'post',
        path: '/dapr/events',
        operationId: `${consumer.name}DeliverDaprEvent`,
        summary: 'Deliver a CloudEvent from the Dapr sidecar (pub/sub push, structured)',
        caller: 'dapr-sidecar',
        body: { mediaType: 'application/cloudevents+json', schema: structured },
        rateLimited: false,
        responses: {
          200: { description: 'SUCCESS, RETRY or DROP (an undecodable or oversize delivery is a DROP)', content: DAPR_STATUS },
          401: problemAnswer('not the sidecar: no valid dapr-api-token'),
        },
      },
      {
        method: 'get',
        path: '/dapr/subscribe',
        operationId: `${consumer.name}DaprSubscriptions`,
        summary: "Dapr's programmatic subscription: the topics this function reads, routed to /dapr/events",
        caller: 'anyone',
        responses: {
          200: {
            description: 'one entry per topic',
            content: z.array(z.object({ pubsubname: z.string(), topic: z.string(), routes: z.object({ default: z.string() }), deadLetterTopic: z.string() })),
          },
        },
      },
    ],
  };
}
