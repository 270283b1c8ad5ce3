import { CONSUMER_FUNCTIONS } from '../bus/kafka-topics';
import type { Topic } from '../events/topics';
import type { EventForm } from './event-forms';
import { CONSUMED_TOPICS, type ConsumerFunction, RUN_BY } from './event-flow';
import type { JsonSchema } from './json-schema';
import { channel, idsOf, incomingForms, inChannel, type DocumentInputs } from './references';

const security = (scheme: string) => [{ $ref: `#/components/securitySchemes/${scheme}` }];
const HTTP_POST = { http: { method: 'POST', bindingVersion: '0.3.0' } };

/** The event routes: each consumer function receives on both; a producer posts a command to the function that runs it. */
export function httpOperations(inputs: DocumentInputs): Record<string, JsonSchema> {
  return { ...producerPosts(inputs), ...httpReceives(inputs) };
}

function producerPosts({ forms, eventsAnswers }: DocumentInputs): Record<string, JsonSchema> {
  return Object.fromEntries(
    incomingForms(forms).map((form) => {
      const runner = runnerOf(form);
      return [
        `producer.send.events.${runner}`,
        {
          action: 'send',
          channel: channel('events'),
          title: `A producer posts ${form.type} to the ${runner} function`,
          description: `\`POST /events\` of the ${runner} function, in either content mode, with the token of the person it is for (\`userid\` = the token's user, no \`taskId\`), or of a service listed in \`EVENT_PRODUCERS\` for this type.`,
          messages: inChannel('events', idsOf([form], ['http-binary', 'structured'])),
          security: security('eventSenderToken'),
          bindings: HTTP_POST,
          reply: { channel: channel('events-answers'), messages: inChannel('events-answers', eventsAnswers) },
          'x-function': runner,
        },
      ];
    }),
  );
}

function runnerOf(form: EventForm): ConsumerFunction {
  const runner = RUN_BY[form.type];
  if (!runner) throw new Error(`${form.type} is read as a command: name the function that runs it in RUN_BY`);
  return runner;
}


function httpReceives({ forms, eventsAnswers, daprEventsAnswers }: DocumentInputs): Record<string, JsonSchema> {
  return Object.fromEntries(
    CONSUMER_FUNCTIONS.flatMap((fn) => {
      const read = readOn(forms, CONSUMED_TOPICS[fn]);
      return [
        [
          `${fn}.receive.events`,
          {
            action: 'receive',
            channel: channel('events'),
            title: `${fn} receives POST /events`,
            description: `Deliveries to the ${fn} function from Knative (its KafkaSource, audience \`events:${fn}\`), the local dispatcher, or producers. Every request is authenticated before its body is read.`,
            messages: inChannel('events', idsOf(read, ['http-binary', 'structured'])),
            security: security('eventSenderToken'),
            bindings: HTTP_POST,
            reply: { channel: channel('events-answers'), messages: inChannel('events-answers', eventsAnswers) },
            'x-function': fn,
          },
        ],
        [
          `${fn}.receive.dapr-events`,
          {
            action: 'receive',
            channel: channel('dapr-events'),
            title: `${fn} receives POST /dapr/events`,
            description: `Deliveries to the ${fn} function from its Dapr sidecar in the always-on mode, structured.`,
            messages: inChannel('dapr-events', idsOf(read, ['structured'])),
            security: security('daprApiToken'),
            bindings: HTTP_POST,
            reply: { channel: channel('dapr-events-answers'), messages: inChannel('dapr-events-answers', daprEventsAnswers) },
            'x-function': fn,
          },
        ],
      ];
    }),
  );
}


function readOn(forms: readonly EventForm[], topics: readonly Topic[]): EventForm[] {
  return forms.filter((form) => form.read && topics.includes(form.topic));
}
