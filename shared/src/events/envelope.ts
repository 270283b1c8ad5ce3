import { z } from 'zod';
import { Rfc3339 } from '../contracts/time';
import { isTraceparent } from '../trace/traceparent';

/**
 * The CloudEvents 1.0 attributes every event and command of this system carries.
 * Extensions: `partitionkey` (Kafka record key; the task id keeps one task's events in order),
 * `traceparent` (W3C correlation id) and `userid` (whose data this is).
 * Unknown extensions added by brokers (Knative, Dapr) are tolerated and ignored.
 */
export const EventEnvelope = z.object({
  specversion: z.literal('1.0'),
  id: z.string().min(1).max(200),
  source: z.string().min(1).max(500),
  type: z.string().min(1).max(200),
  subject: z.string().min(1).max(200),
  time: Rfc3339,
  datacontenttype: z.literal('application/json'),
  partitionkey: z.string().min(1).max(200),
  traceparent: z.string().refine(isTraceparent, 'must be a W3C traceparent'),
  userid: z.string().min(1).max(128),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** One envelope schema per event type: the base attributes, a literal `type`, and the data schema. */
export function eventSchema<const T extends string, D extends z.ZodType>(type: T, data: D) {
  return EventEnvelope.extend({ type: z.literal(type), data });
}
