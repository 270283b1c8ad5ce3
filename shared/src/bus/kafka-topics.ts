import { TOPICS, type Topic, deadLetterTopic } from '../events/topics';
import { CONSUMER_FUNCTIONS } from '../system/system-declaration';

/** Every function that consumes events (the system declaration's); each has its own consumer group and dead-letter topic. */
export { CONSUMER_FUNCTIONS };

/**
 * The topics and their partition counts, the same as the cluster's KafkaTopic resources
 * (knative/platform/topics.yaml), so local runs order and spread events as the cluster does.
 * Records are keyed by task id, so one task's events share a partition and stay in order; the partition
 * count bounds how many events an ordered consumer handles at once. `task-events` carries every task
 * change to four consumers: 12 partitions (divides evenly among 1, 2, 3, 4 or 6 consumer instances).
 * Commands, reminder and notification events are fewer: 6.
 * Dead-letter topics get one partition: a trickle, inspected and replayed in the order it failed.
 */
export const TOPIC_PARTITIONS: Readonly<Record<Topic, number>> = {
  [TOPICS.taskEvents]: 12,
  [TOPICS.taskCommands]: 6,
  [TOPICS.reminderEvents]: 6,
  [TOPICS.notificationEvents]: 6,
};

export interface TopicPlan {
  topic: string;
  numPartitions: number;
}

/** Every topic a local broker needs: the event topics and one dead-letter topic per consumer function. */
export function topicPlan(): TopicPlan[] {
  const events = Object.entries(TOPIC_PARTITIONS).map(([topic, numPartitions]) => ({ topic, numPartitions }));
  const deadLetters = CONSUMER_FUNCTIONS.map((name) => ({ topic: deadLetterTopic(name), numPartitions: 1 }));
  return [...events, ...deadLetters];
}
