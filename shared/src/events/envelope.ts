import * as z from 'zod/mini';
import { Rfc3339 } from '../contracts/time';
import { isTraceparent, newTraceparent } from '../trace/traceparent';

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

/** JSON, with whatever parameters ("application/json; charset=utf-8"). */
const JSON_MEDIA_TYPE = /^application\/json[ \t]*(?:;.*)?$/i;

/**
 * A command as any CloudEvents producer may send it: the spec's required attributes, `userid` and JSON
 * data. What the spec leaves optional is derived, so the consumer sees the full envelope every event
 * of this system carries: `subject` (the data's `taskId`, else the command's id), `time` (when it is
 * read), `partitionkey` (the subject), `traceparent` (a new trace when none comes, or an invalid one,
 * as W3C Trace Context asks) and `datacontenttype` (`application/json`, its parameters dropped).
 */
export function commandSchema<const T extends string, D extends z.core.SomeType>(type: T, data: D) {
  const incoming = z.extend(EventEnvelope, {
    type: z.literal(type),
    subject: z.optional(EventEnvelope.shape.subject),
    time: z.optional(Rfc3339),
    datacontenttype: z.optional(z.string().check(z.regex(JSON_MEDIA_TYPE, 'must be application/json (parameters such as charset are fine)'))),
    partitionkey: z.optional(EventEnvelope.shape.partitionkey),
    traceparent: z.optional(z.string()),
    data,
  });
  return z.pipe(
    incoming,
    z.transform((command) => {
      const taskId = ((command as { data?: unknown }).data as { taskId?: unknown } | null | undefined)?.taskId;
      const subject = command.subject ?? (typeof taskId === 'string' ? taskId : command.id);
      return {
        ...command,
        subject,
        time: command.time ?? new Date().toISOString(),
        datacontenttype: 'application/json' as const,
        partitionkey: command.partitionkey ?? subject,
        traceparent: isTraceparent(command.traceparent) ? command.traceparent : newTraceparent(),
      };
    }),
  );
}
