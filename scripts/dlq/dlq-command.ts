import { DEAD_LETTER_SUFFIX } from './dead-letter-record';

/** A dead letter's place in its topic. */
export interface Position {
  partition: number;
  offset: string;
}

export type DlqCommand =
  | { name: 'list'; topics: string[] }
  | { name: 'show'; topic: string; position: Position }
  | { name: 'replay'; topic: string; positions: Position[] | 'all' };

export const USAGE = [
  'usage: dlq list [<topic>…]                              every dead letter, one line each (all *-dead-letter topics by default)',
  '       dlq show <topic> <partition>:<offset>            one dead letter and its event as JSON',
  '       dlq replay <topic> <partition>:<offset>…|--all   put the events back on their original topics',
  '<topic> is a dead-letter topic (audit-dead-letter) or its function (audit); KAFKA_BROKERS=host:port[,host:port] (default 127.0.0.1:29092)',
].join('\n');

/** The command `args` name, or what is wrong with them. */
export function parseCommand(args: readonly string[]): DlqCommand | { problem: string } {
  const [name, ...rest] = args;
  if (name === 'list') return { name, topics: rest.map(deadLetterTopicOf) };
  if (name === 'show') {
    const position = rest.length === 2 ? parsePosition(rest[1]!) : undefined;
    return position ? { name, topic: deadLetterTopicOf(rest[0]!), position } : { problem: 'show needs a topic and one <partition>:<offset>' };
  }
  if (name === 'replay') {
    const [topic, ...selection] = rest;
    if (!topic || selection.length === 0) return { problem: 'replay needs a topic and <partition>:<offset>… or --all' };
    if (selection.length === 1 && selection[0] === '--all') return { name, topic: deadLetterTopicOf(topic), positions: 'all' };
    const positions = selection.map(parsePosition);
    const bad = selection.filter((_, index) => !positions[index]);
    if (bad.length) return { problem: `not <partition>:<offset>: ${bad.join(' ')}` };
    return { name, topic: deadLetterTopicOf(topic), positions: positions as Position[] };
  }
  return { problem: name ? `unknown command ${name}` : 'no command' };
}

function parsePosition(text: string): Position | undefined {
  const match = /^(\d{1,9}):(\d{1,19})$/.exec(text);
  return match ? { partition: Number(match[1]), offset: String(BigInt(match[2]!)) } : undefined;
}

function deadLetterTopicOf(name: string): string {
  return name.endsWith(DEAD_LETTER_SUFFIX) ? name : `${name}${DEAD_LETTER_SUFFIX}`;
}
