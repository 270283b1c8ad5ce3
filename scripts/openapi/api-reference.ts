type Schema = Record<string, unknown>;
interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean; description?: string; schema: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: Schema }> }>;
}
export interface OpenApi {
  info: { title: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A short reading of a schema: `Task`, `string (date-time)`, `array of Task`, `one of low, medium`. */
export function typeOf(schema: Schema | undefined): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').at(-1)!;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.join(', ')}`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Schema[]).map(typeOf).join(' or ');
  if (schema.type === 'array') return `array of ${typeOf(schema.items as Schema)}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : String(schema.type ?? 'any');
  return schema.format ? `${type} (${String(schema.format)})` : type;
}

function who(operation: Operation): string {
  const schemes = operation.security.flatMap((requirement) => Object.keys(requirement));
  return schemes.length ? schemes.join(', ') : 'anyone';
}

function operationSection(method: string, path: string, operation: Operation): string[] {
  const lines = [`### ${method.toUpperCase()} ${path}`, '', `${operation.summary}. Caller: ${who(operation)}. Operation id: \`${operation.operationId}\`.`, ''];
  if (operation.description) lines.push(operation.description, '');
  if (operation.parameters?.length) {
    lines.push('| Parameter | In | Required | Type |', '|---|---|---|---|');
    for (const parameter of operation.parameters) lines.push(`| \`${parameter.name}\` | ${parameter.in} | ${parameter.required ? 'yes' : 'no'} | ${cell(typeOf(parameter.schema))} |`);
    lines.push('');
  }
  if (operation.requestBody) lines.push(`Body: ${Object.entries(operation.requestBody.content).map(([type, media]) => `\`${type}\` ${typeOf(media.schema)}`).join('; ')}`, '');
  lines.push('| Status | Meaning | Body |', '|---|---|---|');
  for (const [status, response] of Object.entries(operation.responses)) {
    const body = Object.entries(response.content ?? {}).map(([type, media]) => `\`${type}\` ${typeOf(media.schema)}`).join('; ');
    lines.push(`| ${status} | ${cell(response.description)} | ${cell(body)} |`);
  }
  return [...lines, ''];
}

function schemaSection(name: string, schema: Schema): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const lines = [`### ${name}`, ''];
  if (!Object.keys(properties).length) return [...lines, `${typeOf(schema)}`, ''];
  lines.push('| Field | Type | Required |', '|---|---|---|');
  for (const [field, property] of Object.entries(properties)) lines.push(`| \`${field}\` | ${cell(typeOf(property))} | ${required.has(field) ? 'yes' : 'no'} |`);
  return [...lines, ''];
}

/** The document as a Markdown reference: operations by tag, then the named schemas. */
export function apiReference(document: OpenApi): string {
  const lines = [`# ${document.info.title}`, '', '<!-- Generated from openapi.json by `npm run openapi`; do not edit. -->', '', document.info.description, ''];
  for (const tag of document.tags) {
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).filter(([, operation]) => operation.tags.includes(tag.name)).map(([method, operation]) => ({ method, path, operation })));
    if (!operations.length) continue;
    lines.push(`## ${tag.name}`, '', tag.description, '');
    for (const { method, path, operation } of operations) lines.push(...operationSection(method, path, operation));
  }
  lines.push('## Schemas', '');
  for (const [name, schema] of Object.entries(document.components.schemas)) lines.push(...schemaSection(name, schema));
  return `${lines.join('\n').trimEnd()}\n`;
}
