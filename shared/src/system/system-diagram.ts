import { type EventType, topicOf } from '../events/catalog';
import { TOPICS, type Topic } from '../events/topics';
import { FUNCTION_NAMES, type FunctionName, SYSTEM } from './system-declaration';

const nodeOf = (topic: Topic) => topic.replaceAll('-', '_');
/** `dev.todo.task.created.v1` → `task.created`. */
const shortName = (type: EventType) => type.split('.').slice(2, -1).join('.');

function groupByTopic(types: readonly EventType[]): Map<Topic, EventType[]> {
  const byTopic = new Map<Topic, EventType[]>();
  for (const type of types) byTopic.set(topicOf(type), [...(byTopic.get(topicOf(type)) ?? []), type]);
  return byTopic;
}

/** The system as a Mermaid flowchart, drawn from the declaration alone: who calls, writes and reads what. */
export function systemDiagram(): string {
  const declared = (name: FunctionName) => SYSTEM[name] as (typeof SYSTEM)[FunctionName];
  const publicFunctions = FUNCTION_NAMES.filter((name) => declared(name).exposure === 'public');
  const lines = ['flowchart LR', `  person((person)) -->|HTTP| ${publicFunctions.join(' & ')}`];
  for (const topic of Object.values(TOPICS)) lines.push(`  ${nodeOf(topic)}[[${topic}]]`);
  for (const name of FUNCTION_NAMES) {
    for (const [topic, types] of groupByTopic(declared(name).runs)) lines.push(`  producer((CloudEvents producer)) -->|${types.map(shortName).join(', ')}| ${nodeOf(topic)}`);
  }
  for (const name of FUNCTION_NAMES) {
    const { calls, emits } = declared(name);
    if (calls.length > 0) lines.push(`  ${name} -->|HTTP| ${calls.join(' & ')}`);
    for (const [topic, types] of groupByTopic(emits)) lines.push(`  ${name} -->|${types.map(shortName).join(', ')}| ${nodeOf(topic)}`);
  }
  for (const topic of Object.values(TOPICS)) {
    const readers = FUNCTION_NAMES.filter((name) => (declared(name).consumes?.topics as readonly Topic[] | undefined)?.includes(topic));
    lines.push(`  ${nodeOf(topic)} --> ${readers.join(' & ')}`);
  }
  return lines.join('\n');
}

const START = '<!-- system diagram: generated from shared/src/system/system-declaration.ts by `npm run diagram` -->';
const END = '<!-- end of system diagram -->';

/** The README with its diagram block replaced by the one drawn now; throws when the markers are missing. */
export function withSystemDiagram(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the diagram markers ${START} … ${END}`);
  return `${readme.slice(0, start)}${START}\n\`\`\`mermaid\n${systemDiagram()}\n\`\`\`\n${readme.slice(end)}`;
}
