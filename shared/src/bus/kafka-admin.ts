import type { Logger } from '../log/logger';
import { createKafkaClient } from './kafka-client';
import { topicPlan } from './kafka-topics';

/** Creates the missing topics of `topicPlan()` (one replica: a local broker); returns the names it created. */
export async function ensureTopics(options: { brokers: string[]; log: Logger }): Promise<string[]> {
  const admin = createKafkaClient({ brokers: options.brokers, clientId: 'todo-admin', log: options.log }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topicPlan().filter((plan) => !existing.has(plan.topic));
    if (missing.length === 0) return [];
    await admin.createTopics({ waitForLeaders: true, topics: missing.map((plan) => ({ ...plan, replicationFactor: 1 })) });
    return missing.map((plan) => plan.topic);
  } finally {
    await admin.disconnect();
  }
}
