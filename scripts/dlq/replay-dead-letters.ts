import type { KafkaSender } from '#shared/bus/kafka-producer';
import type { DeadLetter } from './dead-letter-record';
import { positionOf, replayOf } from './replay-record';

export type ReplayOutcome =
  | { position: string; replayed: true; topic: string; type: string; id: string }
  | { position: string; replayed: false; reason: string };

/**
 * Publishes each dead letter's event back to its original topic, one after the other in the order
 * given (so one task's events keep their order); a dead letter that holds no valid event of the
 * catalog is refused with the reason and nothing of it is published.
 */
export async function replayDeadLetters(sender: KafkaSender, deadLetters: readonly DeadLetter[]): Promise<ReplayOutcome[]> {
  const outcomes: ReplayOutcome[] = [];
  for (const deadLetter of deadLetters) {
    const position = positionOf(deadLetter);
    const replay = replayOf(deadLetter);
    if (!replay.ok) {
      outcomes.push({ position, replayed: false, reason: replay.reason });
      continue;
    }
    await sender.send([{ topic: replay.topic, messages: [replay.record] }]);
    outcomes.push({ position, replayed: true, topic: replay.topic, type: replay.event.type, id: replay.event.id });
  }
  return outcomes;
}
