import * as z from 'zod/mini';
import { EventEnvelope } from '../events/envelope';

export type JsonSchema = Record<string, unknown>;

/** `output`: what this system writes. `input`: what a consumer accepts (where it differs: the incoming command). */
export type SchemaIo = 'input' | 'output';

/** W3C Trace Context version 00 with neither id all zeros: what `isTraceparent` accepts. */
export const TRACEPARENT_PATTERN = '^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$';

// A refinement is a function JSON Schema cannot see; this says the same in JSON Schema's own terms.
const REFINEMENTS = new Map<z.core.$ZodType, JsonSchema>([
  [EventEnvelope.shape.traceparent, { pattern: TRACEPARENT_PATTERN, description: 'W3C traceparent: the correlation id of a request, its events and their effects' }],
]);

// What the contracts' entries in zod's global registry may add: words, and keywords that restate a
// refinement exactly. Not their ids (this document names its own components) and not `enum`: the
// time zones the runtime lists depend on its ICU data, and the refinement also takes aliases.
const TAKEN_FROM_CONTRACTS = ['description', 'examples', 'format', 'pattern', 'uniqueItems'];

function annotationsOf(schema: z.core.$ZodType): JsonSchema {
  const meta = (z.globalRegistry.get(schema) ?? {}) as JsonSchema;
  return Object.fromEntries(Object.entries(meta).filter(([keyword]) => TAKEN_FROM_CONTRACTS.includes(keyword)));
}

const options = (io: SchemaIo, metadata: z.core.$ZodRegistry<{ id?: string }>) =>
  ({
    target: 'draft-7',
    io,
    metadata,
    override: ({ zodSchema, jsonSchema }) => Object.assign(jsonSchema, annotationsOf(zodSchema), REFINEMENTS.get(zodSchema)),
  }) satisfies z.core.ToJSONSchemaParams;

/**
 * Zod schemas as AsyncAPI 3.0 Schema Objects (a superset of JSON Schema draft-07), by zod's own
 * converter, each named by its id; a named schema inside another becomes a `$ref` to
 * `#/components/schemas/<id>`. Checks JSON Schema cannot express (an RRULE that ends after the due
 * time, a real calendar date) stay with the consumer, which drops what breaks them.
 */
export function componentSchemas(named: ReadonlyMap<string, z.core.$ZodType>, io: SchemaIo): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of named) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { ...options(io, registry), uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, withoutIdentity(schema as JsonSchema)]));
}

/** One zod schema as an AsyncAPI Schema Object, everything inline. */
export function jsonSchemaOf(schema: z.core.$ZodType, io: SchemaIo): JsonSchema {
  return withoutIdentity(z.toJSONSchema(schema, options(io, z.registry())) as JsonSchema);
}

function withoutIdentity({ $schema: _dialect, $id: _id, ...schema }: JsonSchema): JsonSchema {
  return schema;
}
