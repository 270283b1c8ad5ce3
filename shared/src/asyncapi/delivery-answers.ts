import * as z from 'zod/mini';
import { jsonSchemaOf, type JsonSchema } from './json-schema';

/** The RFC 9457 problem an event route answers with (`problemResponse`). */
const deliveryProblem = <S extends number, T extends string>(status: S, title: T) =>
  z.object({ type: z.literal('about:blank'), title: z.literal(title), status: z.literal(status), detail: z.optional(z.string()), instance: z.string() });

/** What `POST /dapr/events` answers the sidecar: always 200, the outcome in the body. */
export const DaprDeliveryStatus = z.object({ status: z.enum(['SUCCESS', 'RETRY', 'DROP']) });

const PROBLEM_HEADERS = { type: 'object', properties: { 'content-type': { type: 'string', const: 'application/problem+json' } }, required: ['content-type'] };
const CHALLENGE_HEADERS = {
  ...PROBLEM_HEADERS,
  properties: { ...PROBLEM_HEADERS.properties, 'www-authenticate': { type: 'string', const: 'Bearer' } },
  required: ['content-type', 'www-authenticate'],
};

function problemAnswer(status: number, title: string, description: string, headers: JsonSchema = PROBLEM_HEADERS): JsonSchema {
  return {
    name: `${status}`,
    title: `${status} ${title}`,
    summary: description,
    contentType: 'application/problem+json',
    headers,
    payload: jsonSchemaOf(deliveryProblem(status, title), 'output'),
    bindings: { http: { statusCode: status, bindingVersion: '0.3.0' } },
  };
}

/** `POST /events`: what Knative's data plane (and the local dispatcher) makes of each answer is in the summary. */
export const eventsAnswers = (): Record<string, JsonSchema> => ({
  'EventsAnswer.accepted': {
    name: '202',
    title: '202 Accepted',
    summary: 'Done: handled, a duplicate (same source and id), or a known type this function does not act on. The body is empty.',
    bindings: { http: { statusCode: 202, bindingVersion: '0.3.0' } },
  },
  'EventsAnswer.retry': problemAnswer(503, 'Retry Later', 'Not now (a transient database error, a handler that failed): delivered again with backoff.'),
  'EventsAnswer.dropped': problemAnswer(400, 'Event Dropped', 'Never accepted (undecodable, an unknown type, a schema violation, data Postgres refuses): not retried, to the dead-letter sink; `detail` is the reason.'),
  'EventsAnswer.unauthorized': problemAnswer(401, 'Unauthorized', 'No valid sender token; nothing was read.', CHALLENGE_HEADERS),
  'EventsAnswer.forbidden': problemAnswer(403, 'Forbidden', 'A sender this function takes nothing from, or an event that sender may not send (a person: only their own create-task command, without `taskId`); nothing is done.'),
  'EventsAnswer.too-large': problemAnswer(413, 'Content Too Large', 'The event is over the size limit (256 KiB by default).'),
});

/** `POST /dapr/events`: Dapr retries RETRY and dead-letters DROP. */
export const daprEventsAnswers = (): Record<string, JsonSchema> => ({
  'DaprEventsAnswer.status': {
    name: '200',
    title: '200 with the outcome',
    summary: 'SUCCESS (done, a duplicate or a type this function ignores), RETRY (not now) or DROP (never accepted, also an undecodable or oversize request): to the dead-letter topic.',
    contentType: 'application/json',
    headers: { type: 'object', properties: { 'content-type': { type: 'string', pattern: '^application/json' } }, required: ['content-type'] },
    payload: jsonSchemaOf(DaprDeliveryStatus, 'output'),
    bindings: { http: { statusCode: 200, bindingVersion: '0.3.0' } },
  },
  'DaprEventsAnswer.unauthorized': problemAnswer(401, 'Unauthorized', 'Not the sidecar (no valid `dapr-api-token`); nothing was read.'),
});
