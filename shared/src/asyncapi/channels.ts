import { CONSUMER_FUNCTIONS, TOPIC_PARTITIONS } from '../bus/kafka-topics';
import { deadLetterTopic, TOPICS, type Topic } from '../events/topics';
import type { EventForm } from './event-forms';
import { CONSUMED_TOPICS, EMITTED_BY } from './event-flow';
import type { JsonSchema } from './json-schema';
import { channelMessages, type DocumentInputs, idsOf } from './references';

const KAFKA = [{ $ref: '#/servers/kafka' }];
const FUNCTIONS = [{ $ref: '#/servers/functions' }];

const TOPIC_CONTENTS: Record<Topic, string> = {
  [TOPICS.taskEvents]: 'Every change of a task, keyed by the task id.',
  [TOPICS.taskCommands]: 'Create-task commands, each run once per (source, id).',
  [TOPICS.reminderEvents]: 'What happened to reminders.',
  [TOPICS.notificationEvents]: 'What happened to notifications.',
};

function whoWritesAndReads(topic: Topic, forms: readonly EventForm[]): string {
  const on = forms.filter((form) => form.topic === topic);
  const writers = [...new Set(on.map((form) => (form.written ? EMITTED_BY[form.type] : 'any CloudEvents producer')))];
  const readers = CONSUMER_FUNCTIONS.filter((fn) => CONSUMED_TOPICS[fn].includes(topic));
  return `${writers.length ? `Written by ${writers.join(', ')}; read` : 'Read'} by ${readers.join(', ')}.`;
}

/** One channel per topic, with every form of the catalog types it carries, binary and structured. */
export function topicChannels({ forms }: DocumentInputs): Record<string, JsonSchema> {
  const messagesOn = (topic: Topic) => idsOf(forms.filter((form) => form.topic === topic), ['kafka-binary', 'structured']);
  return Object.fromEntries(
    Object.values(TOPICS).map((topic) => [
      topic,
      {
        address: topic,
        title: topic,
        description: `${TOPIC_CONTENTS[topic]} ${whoWritesAndReads(topic, forms)}`,
        servers: KAFKA,
        messages: channelMessages(messagesOn(topic)),
        bindings: { kafka: { topic, partitions: TOPIC_PARTITIONS[topic], bindingVersion: '0.5.0' } },
      },
    ]),
  );
}

/** One dead-letter topic per consumer function: one partition, inspected and replayed in the order it failed. */
export function deadLetterChannels({ deadLetterMessages }: DocumentInputs): Record<string, JsonSchema> {
  return Object.fromEntries(
    CONSUMER_FUNCTIONS.map((name) => {
      const topic = deadLetterTopic(name);
      return [
        topic,
        {
          address: topic,
          title: topic,
          description: `What the ${name} function will never accept, or still failed when its retries ran out, in the format of the delivery path that gave up.`,
          servers: KAFKA,
          messages: channelMessages(deadLetterMessages),
          bindings: { kafka: { topic, partitions: 1, bindingVersion: '0.5.0' } },
        },
      ];
    }),
  );
}

/** The event routes every consumer function mounts (`shared/src/events/http-event-routes.ts`), and their answers. */
export function httpChannels({ forms, eventsAnswers, daprEventsAnswers }: DocumentInputs): Record<string, JsonSchema> {
  const read = forms.filter((form) => form.read);
  return {
    events: {
      address: '/events',
      title: 'POST /events',
      description: 'CloudEvents from Knative (a KafkaSource delivers each record in binary mode; a structured record arrives as it is from the local dispatcher), and from producers with a token (Security). No event route ever answers 404.',
      servers: FUNCTIONS,
      messages: channelMessages(idsOf(read, ['http-binary', 'structured'])),
    },
    'events-answers': {
      address: null,
      title: 'Answers of POST /events',
      description: 'The HTTP response to a delivery: 2xx is done; 5xx (also 404, 408, 409, 429 and no answer) is retried; 400 and other 4xx go to the dead-letter sink.',
      servers: FUNCTIONS,
      messages: channelMessages(eventsAnswers),
    },
    'dapr-events': {
      address: '/dapr/events',
      title: 'POST /dapr/events',
      description: 'Structured CloudEvents pushed by the Dapr sidecar (always-on mode), for the subscriptions the function lists at `GET /dapr/subscribe` (route `/dapr/events`, dead letters to `<function>-dead-letter`). Dapr also sends the record\'s metadata as headers (`__key`, `__topic`, `__partition`, `__offset`, `pubsubName`, the record headers).',
      servers: FUNCTIONS,
      messages: channelMessages(idsOf(read, ['structured'])),
    },
    'dapr-events-answers': {
      address: null,
      title: 'Answers of POST /dapr/events',
      description: 'Always 200 with the outcome for the sidecar; 401 for anyone else.',
      servers: FUNCTIONS,
      messages: channelMessages(daprEventsAnswers),
    },
  };
}
