import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod/mini';
import { withSpelledOutPatterns } from './unicode-properties';

export type JsonSchema = Record<string, unknown>;

const LOCAL_DEF = '#/$defs/';
const COMPONENT = '#/components/schemas/';

function withRefs(value: unknown, names: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => withRefs(item, names));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) =>
      key === '$ref' && typeof item === 'string' && item.startsWith(LOCAL_DEF) ? [key, COMPONENT + names.get(item.slice(LOCAL_DEF.length))!] : [key, withRefs(item, names)],
    ),
  );
}

/**
 * The document's named schemas (`components.schemas`): a zod schema registered with an `id`
 * (`z.globalRegistry.add(Task, { id: 'Task' })`) is described once and referenced everywhere, so a
 * generated client gets one `Task` type. A name whose input and output forms differ gets both,
 * the input one as `<id>Input`.
 */
export class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};

  /**
   * A zod schema as an OpenAPI 3.1 Schema Object (JSON Schema 2020-12), by zod's own converter:
   * `input` for what a route accepts, `output` for what it answers. Checks JSON Schema cannot say
   * (refinements, transforms) are left to the route, which answers 422 with the reason. Unicode
   * property escapes in patterns are spelled out (`spelledOutPattern`).
   */
  of(schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema {
    const { $schema: _dialect, $defs = {}, ...rest } = withSpelledOutPatterns(z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' })) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const ids = Object.keys($defs);
    const names = new Map(ids.map((id) => [id, id]));
    const clashes = (id: string) => this.schemas[names.get(id)!] !== undefined && !isDeepStrictEqual(this.schemas[names.get(id)!], withRefs($defs[id], names));
    for (const id of ids.filter(clashes)) names.set(id, `${id}${io === 'input' ? 'Input' : 'Output'}`);
    for (const id of ids) {
      if (clashes(id)) throw new Error(`the schema ${id} has two forms for ${io}`);
      this.schemas[names.get(id)!] = withRefs($defs[id], names) as JsonSchema;
    }
    return withRefs(rest, names) as JsonSchema;
  }
}
