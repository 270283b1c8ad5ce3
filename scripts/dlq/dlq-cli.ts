import type { Kafka } from 'kafkajs';
import { pino } from 'pino';
import { createKafkaClient } from '#shared/bus/kafka-client';
import { createKafkaSender } from '#shared/bus/kafka-producer';
import type { Logger } from '#shared/log/logger';
import { type DeadLetter, normaliseDeadLetter } from './dead-letter-record';
import { deadLetterTopics, missingTopics, readRecords } from './dead-letter-reader';
import { type DlqCommand, parseCommand, type Position, USAGE } from './dlq-command';
import { listLine, replaySummary } from './dlq-output';
import { replayDeadLetters } from './replay-dead-letters';
import { positionOf } from './replay-record';

export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

export interface DlqIo {
  brokers: string[];
  out: (line: string) => void;
  err: (line: string) => void;
  /** kafkajs' own log lines; none by default. */
  log?: Logger;
}

/** Runs `dlq <args>`; resolves to the exit code (0 ok, 1 something refused or missing, 2 usage). */
export async function runDlq(args: readonly string[], io: DlqIo): Promise<number> {
  const command = parseCommand(args);
  if ('problem' in command) {
    io.err(`dlq: ${command.problem}`);
    io.err(USAGE);
    return EXIT.usage;
  }
  const kafka = createKafkaClient({ brokers: io.brokers, clientId: 'dlq', log: io.log ?? pino({ level: 'silent' }) });
  const topics = command.name === 'list' && command.topics.length === 0 ? await deadLetterTopics(kafka) : topicsOf(command);
  const missing = await missingTopics(kafka, topics);
  if (missing.length > 0) {
    io.err(`dlq: ${io.brokers.join(',')} has no topic ${missing.join(', ')}`);
    return EXIT.usage;
  }
  const deadLetters = (await readRecords(kafka, topics)).map(normaliseDeadLetter);
  if (command.name === 'list') return list(deadLetters, topics, io);
  if (command.name === 'show') return show(deadLetters, command.topic, command.position, io);
  return replay(kafka, deadLetters, command.topic, command.positions, io);
}

function topicsOf(command: DlqCommand): string[] {
  return command.name === 'list' ? command.topics : [command.topic];
}

function list(deadLetters: readonly DeadLetter[], topics: readonly string[], io: DlqIo): number {
  if (deadLetters.length === 0) io.out(`no dead letters in ${topics.join(', ') || 'any *-dead-letter topic'}`);
  for (const deadLetter of deadLetters) io.out(listLine(deadLetter));
  return EXIT.ok;
}

function show(deadLetters: readonly DeadLetter[], topic: string, position: Position, io: DlqIo): number {
  const deadLetter = deadLetters.find((candidate) => isAt(candidate, position));
  if (!deadLetter) {
    io.err(`dlq: no dead letter at ${topic} ${position.partition}:${position.offset}`);
    return EXIT.refused;
  }
  io.out(JSON.stringify(deadLetter, null, 2));
  return EXIT.ok;
}

async function replay(kafka: Kafka, deadLetters: readonly DeadLetter[], topic: string, positions: Position[] | 'all', io: DlqIo): Promise<number> {
  const chosen = positions === 'all' ? deadLetters : positions.map((position) => deadLetters.find((candidate) => isAt(candidate, position)));
  const missing = positions === 'all' ? [] : positions.filter((_, index) => !chosen[index]);
  for (const position of missing) io.out(`refused  ${positionOf({ deadLetterTopic: topic, ...position })}: no dead letter there`);
  const sender = createKafkaSender(kafka);
  try {
    const outcomes = await replayDeadLetters(sender, chosen.filter((deadLetter) => deadLetter !== undefined));
    for (const outcome of outcomes) {
      io.out(outcome.replayed ? `replayed ${outcome.position} -> ${outcome.topic}  ${outcome.type} ${outcome.id}` : `refused  ${outcome.position}: ${outcome.reason}`);
    }
    const replayed = outcomes.filter((outcome) => outcome.replayed);
    const refused = outcomes.length - replayed.length + missing.length;
    for (const line of replaySummary(replayed.length, refused, [...new Set(replayed.map((outcome) => outcome.topic))])) io.out(line);
    return refused > 0 ? EXIT.refused : EXIT.ok;
  } finally {
    await sender.close();
  }
}

function isAt(deadLetter: DeadLetter, position: Position): boolean {
  return deadLetter.partition === position.partition && deadLetter.offset === position.offset;
}
