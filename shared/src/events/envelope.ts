import * as z from 'zod/mini';
import { Rfc3339 } from '../contracts/time';
import { isTraceparent } from '../trace/traceparent';

const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));

/**
 * The CloudEvents 1.0 attributes every event and command of this system carries.
 * Extensions: `partitionkey` (Kafka record key; the task id keeps one task's events in order),
 * `traceparent` (W3C correlation id) and `userid` (whose data this is).
 * Unknown extensions added by brokers (Knative, Dapr) are tolerated and ignored.
 */
export const EventEnvelope = z.object({
  specversion: z.literal('1.0'),
  id: text(200),
  source: text(500),
  type: text(200),
  subject: text(200),
  time: Rfc3339,
  datacontenttype: z.literal('application/json'),
  partitionkey: text(200),
  traceparent: z.string().check(z.refine(isTraceparent, 'must be a W3C traceparent')),
  userid: text(128),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** One envelope schema per event type: the base attributes, a literal `type`, and the data schema. */
export function eventSchema<const T extends string, D extends z.core.SomeType>(type: T, data: D) {
  return z.extend(EventEnvelope, { type: z.literal(type), data });
}
