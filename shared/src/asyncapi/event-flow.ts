import type { Topic } from '../events/topics';
import { CONSUMER_FUNCTIONS, EMITTED_BY, RUN_BY, topicsReadBy } from '../system/system-declaration';

export type ConsumerFunction = (typeof CONSUMER_FUNCTIONS)[number];

/**
 * Which function writes each event type (through its outbox relay, with `source` `/functions/<name>`),
 * from the system declaration. The create-task command also comes from any CloudEvents producer, in
 * the form the catalog reads.
 */
export { EMITTED_BY };

/**
 * The topics each consumer function reads: its KafkaSource (knative/base/eventing), its Dapr
 * subscriptions (dapr/subscriptions) and its `GET /dapr/subscribe`, which the local dispatcher follows.
 * Every event of a known type on them is delivered and validated; the function acts on some and
 * acknowledges the rest.
 */
export const CONSUMED_TOPICS = Object.fromEntries(CONSUMER_FUNCTIONS.map((name) => [name, topicsReadBy(name)])) as Readonly<Record<ConsumerFunction, readonly Topic[]>>;

/** The function that runs each command; a person (for themselves) or a listed producer may also post it to its `POST /events`. */
export { RUN_BY };
