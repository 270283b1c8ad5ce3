import type { DeadLetter } from './dead-letter-record';

const REASON_CHARACTERS = 120;

/** One dead letter on one line: where, when, which path and consumer, which event, why (cut short). */
export function listLine(deadLetter: DeadLetter): string {
  const { event } = deadLetter;
  const what = event ? `${String(event.type)} ${String(event.id)} ${String(event.source)}` : '(no CloudEvent)';
  return [`${deadLetter.deadLetterTopic} ${deadLetter.partition}:${deadLetter.offset}`, deadLetter.time, deadLetter.path, deadLetter.consumer, what, oneLine(deadLetter.reason)].join('  ');
}

/** What a replay tells the operator besides its per-record lines. */
export function replaySummary(replayed: number, refused: number, topics: readonly string[]): string[] {
  const lines = [`${replayed} replayed, ${refused} refused.`];
  if (replayed > 0) {
    lines.push(
      `Every consumer of ${topics.join(', ')} receives the replayed events again. Each consumer is idempotent by the event's (source, id):`,
      'only what a consumer had not done yet runs, and replaying the same dead letters again changes nothing.',
    );
  }
  return lines;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > REASON_CHARACTERS ? `${flat.slice(0, REASON_CHARACTERS - 1)}…` : flat;
}
