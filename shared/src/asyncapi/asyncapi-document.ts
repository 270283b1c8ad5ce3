import { deadLetterChannels, httpChannels, topicChannels } from './channels';
import { CONTENT_MODE_TRAITS } from './content-modes';
import { deadLetterMessages } from './dead-letter-messages';
import { daprEventsAnswers, eventsAnswers } from './delivery-answers';
import { eventForms } from './event-forms';
import type { JsonSchema } from './json-schema';
import { httpOperations } from './http-operations';
import { kafkaOperations } from './kafka-operations';
import { eventMessages } from './messages';
import type { DocumentInputs } from './references';
import { SECURITY_SCHEMES, SERVERS } from './servers';

const DESCRIPTION = `The topics, CloudEvents and event routes of the todo assistant, generated from the event catalog (\`shared/src/events/catalog.ts\`) by \`npm run asyncapi\`.

Every event and command is a CloudEvents 1.0 JSON event. It travels in one of two content modes: **binary** (the data as the Kafka value or HTTP body, \`content-type\` = \`datacontenttype\`, every other attribute a \`ce_<name>\` Kafka header or \`ce-<name>\` HTTP header) or **structured** (the whole event as JSON, \`content-type: application/cloudevents+json\`). Each form of a type has a message per content mode, named after its zod schema: \`<schema>.kafka-binary\`, \`<schema>.structured\` (on Kafka and HTTP) and, for the forms consumers read, \`<schema>.http-binary\`. On Kafka the record key is the \`partitionkey\` (the task id). A topic's dead letters are in the format of the delivery path that gave up (\`DeadLetter.kafka\`, \`.knative\`, \`.dapr\`).

The payload and header schemas are zod's JSON Schema of the schemas the code validates with (\`z.toJSONSchema\`). A form this system writes is converted as zod outputs it (io \`output\`); consumers read it with the same schema and ignore members they do not know. A command is read in the form any CloudEvents producer may send it (io \`input\`: \`IncomingCreateTask\`) and written by this system in full (\`CreateTask\`). Refinements JSON Schema cannot express (a real calendar date, an RRULE that continues after the due time) are checked by the consumer, which drops an event that breaks them.`;

export type AsyncApiDocument = { asyncapi: '3.0.0' } & JsonSchema;

/** The AsyncAPI 3.0 document of the system, built from the catalog on each call (served as `GET /asyncapi.json`). */
export function asyncApiDocument(): AsyncApiDocument {
  const forms = eventForms();
  const events = eventMessages(forms);
  const deadLetters = deadLetterMessages();
  const answers = { events: eventsAnswers(), daprEvents: daprEventsAnswers() };
  const inputs: DocumentInputs = { forms, deadLetterMessages: Object.keys(deadLetters), eventsAnswers: Object.keys(answers.events), daprEventsAnswers: Object.keys(answers.daprEvents) };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Todo assistant events',
      version: '1.0.0',
      description: DESCRIPTION,
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
      externalDocs: { description: 'CloudEvents 1.0.2', url: 'https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md' },
    },
    defaultContentType: 'application/json',
    servers: SERVERS,
    channels: { ...topicChannels(inputs), ...deadLetterChannels(inputs), ...httpChannels(inputs) },
    operations: { ...kafkaOperations(inputs), ...httpOperations(inputs) },
    components: {
      schemas: events.schemas,
      messages: { ...events.messages, ...deadLetters, ...answers.events, ...answers.daprEvents },
      messageTraits: CONTENT_MODE_TRAITS,
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
