import type * as z from 'zod/mini';
import { Task } from '../contracts/task';
import type { EventForm } from './event-forms';
import { componentSchemas, type JsonSchema, type SchemaIo } from './json-schema';

/** Shapes several events carry: one component each, referenced where they occur. */
const SHARED_SHAPES = new Map<string, z.core.$ZodType>([['Task', Task]]);

/** A form's schemas the way the content modes carry them. */
export interface FormSchemas {
  /** `<name>.event`: the whole event (structured mode). */
  eventId: string;
  /** `<name>.data`: the data (the binary-mode value or body). */
  dataId: string;
  /** Every attribute but `data`, by name, in envelope order (binary mode's headers). */
  attributes: Record<string, JsonSchema>;
  /** The attributes a sender must set. */
  required: string[];
}

export const eventId = (form: Pick<EventForm, 'name'>) => `${form.name}.event`;
export const dataId = (form: Pick<EventForm, 'name'>) => `${form.name}.data`;

/**
 * Every form's event and data schema, converted with its own io (a form this system writes as zod
 * outputs it, an incoming command as zod accepts it), and the shared shapes they point to.
 */
export function formComponents(forms: readonly EventForm[]): { schemas: Record<string, JsonSchema>; schemasOf: (form: EventForm) => FormSchemas } {
  const schemas: Record<string, JsonSchema> = {};
  for (const io of ['output', 'input'] as const satisfies readonly SchemaIo[]) {
    const named = new Map(io === 'output' ? SHARED_SHAPES : []);
    for (const form of forms.filter((candidate) => candidate.io === io)) {
      named.set(eventId(form), form.schema);
      named.set(dataId(form), dataOf(form.schema));
    }
    for (const [id, schema] of Object.entries(componentSchemas(named, io))) schemas[id] = id.endsWith('.event') ? openEnvelope(schema) : schema;
  }
  return {
    schemas,
    schemasOf: (form) => {
      const { properties, required = [] } = schemas[eventId(form)] as { properties: Record<string, JsonSchema>; required?: string[] };
      const { data: _data, ...attributes } = properties;
      return { eventId: eventId(form), dataId: dataId(form), attributes, required: required.filter((name) => name !== 'data') };
    },
  };
}

/** The `data` schema of an event schema, or of a command read through `commandSchema` (a pipe). */
function dataOf(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def as { type: string; in?: z.core.$ZodType; shape?: Record<string, z.core.$ZodType> };
  const object = def.type === 'pipe' && def.in ? (def.in._zod.def as typeof def) : def;
  const data = object.shape?.data;
  if (!data) throw new Error('an event schema has a data member');
  return data;
}

// Zod's output closes objects; an envelope is not: Dapr adds topic, pubsubname, traceid and tracestate,
// and consumers ignore attributes they do not know.
function openEnvelope({ additionalProperties: _closed, ...schema }: JsonSchema): JsonSchema {
  return schema;
}
