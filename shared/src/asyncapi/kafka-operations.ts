import { CONSUMER_FUNCTIONS } from '../bus/kafka-topics';
import { deadLetterTopic, type Topic } from '../events/topics';
import type { EventForm } from './event-forms';
import { CONSUMED_TOPICS, type ConsumerFunction, EMITTED_BY } from './event-flow';
import type { JsonSchema } from './json-schema';
import { channel, idsOf, incomingForms, inChannel, type DocumentInputs } from './references';

/** Who writes and who reads each topic: the functions, any CloudEvents producer, and each function's delivery path. */
export function kafkaOperations(inputs: DocumentInputs): Record<string, JsonSchema> {
  return { ...kafkaSends(inputs), ...producerSends(inputs), ...kafkaReceives(inputs), ...deadLetterSends(inputs) };
}

function kafkaSends({ forms }: DocumentInputs): Record<string, JsonSchema> {
  const sends: Record<string, { fn: ConsumerFunction; topic: Topic; forms: EventForm[] }> = {};
  for (const form of forms.filter((candidate) => candidate.written)) {
    const fn = EMITTED_BY[form.type];
    const send = (sends[`${fn}.send.${form.topic}`] ??= { fn, topic: form.topic, forms: [] });
    send.forms.push(form);
  }
  return Object.fromEntries(
    Object.entries(sends).map(([id, { fn, topic, forms: written }]) => [
      id,
      {
        action: 'send',
        channel: channel(topic),
        title: `${fn} writes ${topic}`,
        summary: written.map((form) => form.type).join(', '),
        description: `The ${fn} function's outbox relay, after each commit, in commit order: binary mode with kafkajs (an idempotent producer; the default and the cluster's Knative mode), or structured through the Dapr sidecar in the always-on mode (\`EVENT_BUS_URL=dapr://pubsub\`).`,
        messages: inChannel(topic, idsOf(written, ['kafka-binary', 'structured'])),
        'x-function': fn,
      },
    ]),
  );
}


function producerSends({ forms }: DocumentInputs): Record<string, JsonSchema> {
  return Object.fromEntries(
    incomingForms(forms).map((form) => [
      `producer.send.${form.topic}`,
      {
        action: 'send',
        channel: channel(form.topic),
        title: `A CloudEvents producer writes ${form.type} to ${form.topic}`,
        description: 'Any CloudEvents producer, in either content mode, with only what the CloudEvents spec requires, `userid` and the data (`bash scripts/kafka.sh produce task-commands …` does it from the command line).',
        messages: inChannel(form.topic, idsOf([form], ['kafka-binary', 'structured'])),
      },
    ]),
  );
}

function kafkaReceives({ forms }: DocumentInputs): Record<string, JsonSchema> {
  return Object.fromEntries(
    CONSUMER_FUNCTIONS.flatMap((fn) =>
      CONSUMED_TOPICS[fn].map((topic) => [
        `${fn}.receive.${topic}`,
        {
          action: 'receive',
          channel: channel(topic),
          title: `${fn} reads ${topic}`,
          description: `The ${fn} function's consumer group: a KafkaSource (\`todo-${fn}\`) that delivers each record to \`POST /events\` and wakes the function; daprd (app-id \`${fn}\`) pushing to \`POST /dapr/events\` in the always-on mode; or kafkajs (\`${fn}\`) locally. Every event of a known type is validated; what it does not act on is acknowledged.`,
          messages: inChannel(topic, idsOf(forms.filter((form) => form.read && form.topic === topic), ['kafka-binary', 'structured'])),
          bindings: { kafka: { groupId: { type: 'string', enum: [`todo-${fn}`, fn] }, bindingVersion: '0.5.0' } },
          'x-function': fn,
        },
      ]),
    ),
  );
}


function deadLetterSends({ deadLetterMessages }: DocumentInputs): Record<string, JsonSchema> {
  return Object.fromEntries(
    CONSUMER_FUNCTIONS.map((fn) => {
      const topic = deadLetterTopic(fn);
      return [
        `${fn}.send.${topic}`,
        {
          action: 'send',
          channel: channel(topic),
          title: `${fn}'s delivery path writes ${topic}`,
          description: `Whichever path delivers to the ${fn} function writes the events it gave up on: the dead-letter KafkaSink of its KafkaSource, daprd, or the kafkajs consumer loop.`,
          messages: inChannel(topic, deadLetterMessages),
          'x-function': fn,
        },
      ];
    }),
  );
}
