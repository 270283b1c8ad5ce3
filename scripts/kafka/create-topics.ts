// Creates the topics a local broker is missing (scripts/kafka.sh topics); KAFKA_BROKERS=host:port[,host:port].
import { ensureTopics } from '#shared/bus/kafka-admin';
import { createLogger } from '#shared/log/logger';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:29092').split(',');
const log = createLogger({ service: 'kafka-topics', level: 'warn' });
const created = await ensureTopics({ brokers, log });
console.error(created.length ? `kafka: created ${created.join(', ')}` : 'kafka: every topic exists');
