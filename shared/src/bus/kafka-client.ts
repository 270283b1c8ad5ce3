import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from '../log/logger';

const LEVELS: Record<logLevel, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.NOTHING]: 'debug',
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  log: Logger;
}

/**
 * A kafkajs client logging through pino. kafkajs' INFO lines (every group join and commit) go to
 * debug; its own reconnect retries are short, because every caller here retries on its own schedule
 * (the outbox relay, the consumer loop).
 */
export function createKafkaClient(options: KafkaClientOptions): Kafka {
  const log = options.log.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, retries: 5, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...extra } = entry.log;
      const level = entry.level === logLevel.INFO ? 'debug' : LEVELS[entry.level];
      log[level]({ namespace: entry.namespace, ...extra }, message);
    },
  });
}
