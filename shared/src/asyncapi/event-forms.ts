import type * as z from 'zod/mini';
import { CATALOG, type EventType } from '../events/catalog';
import * as eventSchemas from '../events/index';
import { CreateTask } from '../events/task-events';
import type { Topic } from '../events/topics';
import type { SchemaIo } from './json-schema';

/** One shape an event type takes on the wire. */
export interface EventForm {
  /** The exported name of its schema: `TaskCreated`, `CreateTask`, `IncomingCreateTask`. */
  name: string;
  type: EventType;
  topic: Topic;
  schema: z.core.$ZodType;
  /** `output` for a form this system writes; `input` for a command as any producer may send it. */
  io: SchemaIo;
  /** This system writes it (outbox relay, Dapr). */
  written: boolean;
  /** The consumers read it: the schema the catalog validates deliveries with. */
  read: boolean;
}

// A command is read in the form any producer may send (`commandSchema`); this is the full form the system writes.
const WRITTEN_COMMANDS: Partial<Record<EventType, z.core.$ZodType>> = { 'dev.todo.task.create.v1': CreateTask };

/**
 * Every form of every catalog type: an event is written and read in one form; a command is read as
 * any producer may send it (its catalog schema, io `input`) and written by this system in full.
 */
export function eventForms(): EventForm[] {
  return (Object.keys(CATALOG) as EventType[]).flatMap((type): EventForm[] => {
    const { schema, topic } = CATALOG[type];
    if (!isPipe(schema)) return [{ name: exportedName(schema), type, topic, schema, io: 'output', written: true, read: true }];
    const written = WRITTEN_COMMANDS[type];
    if (!written) throw new Error(`${type} is read as a command: name the form this system writes in WRITTEN_COMMANDS`);
    return [
      { name: exportedName(written), type, topic, schema: written, io: 'output', written: true, read: false },
      { name: exportedName(schema), type, topic, schema, io: 'input', written: false, read: true },
    ];
  });
}

function isPipe(schema: z.core.$ZodType): boolean {
  return schema._zod.def.type === 'pipe';
}

function exportedName(schema: z.core.$ZodType): string {
  const name = Object.entries(eventSchemas).find(([, value]) => value === schema)?.[0];
  if (!name) throw new Error('every catalog schema is exported from shared/src/events');
  return name;
}
