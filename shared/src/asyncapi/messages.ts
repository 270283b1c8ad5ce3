import { binaryHeadersSchema } from './binary-headers';
import type { ContentMode } from './content-modes';
import type { EventForm } from './event-forms';
import { exampleEvent } from './example-events';
import { daprEnvelopeExample, httpBinaryExample, kafkaBinaryExample, type MessageExample, minimalCommandExamples, structuredExample } from './examples';
import { formComponents } from './form-schemas';
import type { JsonSchema } from './json-schema';

export interface EventMessages {
  /** `components.messages`: `<schema name>.<content mode>`. */
  messages: Record<string, JsonSchema>;
  /** `components.schemas`: each form's event, data and headers, and the shapes they share. */
  schemas: Record<string, JsonSchema>;
}

const ref = (section: string, id: string) => ({ $ref: `#/components/${section}/${id}` });

/** The message id of a form in a content mode: `TaskCreated.kafka-binary`. */
export const messageId = (form: Pick<EventForm, 'name'>, mode: ContentMode) => `${form.name}.${mode}`;

// Parameters are fine: the CloudEvents SDK writes `application/cloudevents+json; charset=utf-8`.
const STRUCTURED_HEADERS = {
  type: 'object',
  properties: { 'content-type': { type: 'string', pattern: '^application/cloudevents\\+json[ \\t]*(;.*)?$' } },
  required: ['content-type'],
};

/** Every form of every catalog type as one message per content mode, with the schemas they point to. */
export function eventMessages(forms: readonly EventForm[]): EventMessages {
  const { schemas, schemasOf } = formComponents(forms);
  const messages: Record<string, JsonSchema> = {};
  for (const form of forms) {
    const split = schemasOf(form);
    const note = formNote(form);
    schemas[split.eventId] = { ...schemas[split.eventId], description: `${note} The whole event (structured mode). ${ioNote(form)}` };
    schemas[split.dataId] = { ...schemas[split.dataId], description: `${note} Its \`data\` (the binary-mode value or body).` };
    schemas[`${form.name}.kafka-headers`] = { ...binaryHeadersSchema(split, 'kafka'), description: `${note} Its Kafka headers in binary mode.` };
    if (form.read) schemas[`${form.name}.http-headers`] = { ...binaryHeadersSchema(split, 'http'), description: `${note} Its HTTP headers in binary mode.` };

    const examples = examplesOf(form);
    const common = { name: form.type, title: form.name };
    const kafka = { kafka: { key: keySchema(form, split.attributes.partitionkey), bindingVersion: '0.5.0' } };
    messages[messageId(form, 'kafka-binary')] = {
      ...common,
      summary: `${note} On Kafka, binary mode.`,
      description: `The value is the data, \`content-type\` the \`datacontenttype\`, every other attribute a \`ce_<name>\` header.${form.written ? ' The outbox relay writes events so (kafkajs, `eventToRecord`).' : ''}`,
      headers: ref('schemas', `${form.name}.kafka-headers`),
      payload: ref('schemas', split.dataId),
      bindings: kafka,
      traits: [ref('messageTraits', 'kafka-binary')],
      examples: examples['kafka-binary'],
    };
    messages[messageId(form, 'structured')] = {
      ...common,
      summary: `${note} One JSON CloudEvent (structured mode), on Kafka or HTTP.`,
      description: `The record value or request body is the whole event, \`content-type: application/cloudevents+json\`.${form.written ? ' Dapr publishes events so in the always-on mode (`EVENT_BUS_URL=dapr://pubsub`) and delivers them so to `POST /dapr/events`; the dead-letter replay writes them so.' : ''}`,
      headers: STRUCTURED_HEADERS,
      payload: ref('schemas', split.eventId),
      bindings: kafka,
      traits: [ref('messageTraits', 'structured')],
      examples: examples.structured,
    };
    if (form.read) {
      messages[messageId(form, 'http-binary')] = {
        ...common,
        summary: `${note} Over HTTP, binary mode.`,
        description: '`ce-<name>` headers (values percent-encoded where needed) and the data as the body: how a KafkaSource, and the local dispatcher, deliver a binary record to `POST /events`.',
        headers: ref('schemas', `${form.name}.http-headers`),
        payload: ref('schemas', split.dataId),
        traits: [ref('messageTraits', 'http-binary')],
        examples: examples['http-binary'],
      };
    }
  }
  return { messages, schemas };
}

function formNote(form: EventForm): string {
  return form.io === 'input'
    ? `\`${form.type}\` as any CloudEvents producer may send it (zod \`${form.name}\`, io input).`
    : `\`${form.type}\` as this system writes it (zod \`${form.name}\`, io output).`;
}

function ioNote(form: EventForm): string {
  if (form.io === 'input') return 'What the consumer accepts: only `specversion`, `id`, `source`, `type`, `userid` and `data` are required; it derives `subject` (the data\'s `taskId`, else the id), `time`, `partitionkey` (the subject), `traceparent` and `datacontenttype`. Attributes it does not know are ignored.';
  const reader = form.read ? 'Consumers read it with the same schema' : 'Consumers read it as the incoming form of its type, which accepts it';
  return `${reader}, ignoring members they do not know; brokers may add attributes (Dapr: \`topic\`, \`pubsubname\`, \`traceid\`, \`tracestate\`).`;
}

function keySchema(form: EventForm, partitionkey: JsonSchema | undefined): JsonSchema {
  if (form.written && partitionkey) return { ...partitionkey, description: 'The `partitionkey` attribute (the task id): one task\'s events share a partition and stay in order.' };
  return { type: 'string', description: 'Whatever the producer chooses, or none: the consumer reads no key. Keying by the task id keeps one task\'s commands in order.' };
}

function examplesOf(form: EventForm): Record<ContentMode, MessageExample[]> {
  const event = exampleEvent(form.type);
  const written: Record<ContentMode, MessageExample[]> = {
    'kafka-binary': [kafkaBinaryExample(event, 'written', `As ${event.source} writes it.`)],
    structured: [structuredExample(event, 'written', 'As a structured producer (the dead-letter replay) writes it.'), daprEnvelopeExample(event)],
    'http-binary': [httpBinaryExample(event, 'delivered', 'As a KafkaSource delivers the record the outbox relay wrote.')],
  };
  if (form.io === 'output') return written;
  const minimal = minimalCommandExamples();
  return {
    'kafka-binary': [minimal['kafka-binary'], ...written['kafka-binary']],
    structured: [minimal.structured, ...written.structured],
    'http-binary': [minimal['http-binary'], ...written['http-binary']],
  };
}
