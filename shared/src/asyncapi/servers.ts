import { CONSUMER_FUNCTIONS } from '../bus/kafka-topics';
import type { JsonSchema } from './json-schema';

export const SERVERS: Record<string, JsonSchema> = {
  kafka: {
    host: '{bootstrap}',
    protocol: 'kafka',
    title: 'Kafka',
    description: 'The brokers every topic lives on. Topics are never created on first use: the cluster\'s KafkaTopic resources (knative/platform/topics.yaml) and `scripts/kafka.sh` create them with these partition counts.',
    variables: {
      bootstrap: {
        default: 'my-cluster-kafka-bootstrap.kafka:9092',
        description: 'The bootstrap address: Strimzi\'s in the cluster, `task up`\'s broker locally (KAFKA_PORT)',
        examples: ['my-cluster-kafka-bootstrap.kafka:9092', '127.0.0.1:29092'],
      },
    },
    bindings: { kafka: { bindingVersion: '0.5.0' } },
  },
  functions: {
    host: '{function}.todo.svc.cluster.local',
    protocol: 'http',
    title: 'A consumer function',
    description: 'Each consumer function is a Knative Service of its name in the `todo` namespace (what a KafkaSource `sink` resolves to); locally, `task up` runs each on its own port (127.0.0.1:18181-18186). Each one mounts the same event routes.',
    variables: {
      function: { enum: [...CONSUMER_FUNCTIONS], default: CONSUMER_FUNCTIONS[0], description: 'The function (the Knative Service)' },
    },
  },
};

export const SECURITY_SCHEMES: Record<string, JsonSchema> = {
  eventSenderToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'On `POST /events`: a token of the event path\'s issuer for the function\'s audience (`events:<function>`) whose subject is in `EVENTS_OIDC_SENDERS` (Knative\'s KafkaSource, the local dispatcher: any event the function consumes) or listed in `EVENT_PRODUCERS` (the types listed for it); or a person\'s own token, only for the commands a person may send. 401 without a valid one, 403 for a sender or event not allowed.',
  },
  daprApiToken: {
    type: 'httpApiKey',
    name: 'dapr-api-token',
    in: 'header',
    description: 'On `POST /dapr/events`: the app API token (`APP_API_TOKEN`) the Dapr sidecar presents; without `APP_API_TOKEN` the route refuses everyone.',
  },
};
