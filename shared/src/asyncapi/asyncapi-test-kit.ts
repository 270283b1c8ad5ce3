import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { asyncApiDocument } from './asyncapi-document';
import type { JsonSchema } from './json-schema';

// ajv-formats is CommonJS; depending on the loader its function is the module or its `default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

const DOCUMENT_ID = 'https://todo.test/asyncapi.json';

export interface AsyncApiDocument {
  channels: Record<string, JsonSchema & { messages: Record<string, { $ref: string }> }>;
  operations: Record<string, JsonSchema & { action: string; channel: { $ref: string }; messages: { $ref: string }[]; 'x-function'?: string }>;
  components: { schemas: Record<string, JsonSchema>; messages: Record<string, JsonSchema & { name: string; examples?: { name: string; headers?: unknown; payload?: unknown }[] }> };
}

/**
 * The generated document, and a check of any value against a schema in it by JSON pointer (ajv with
 * formats; `$ref`s resolve inside the document). Returns ajv's errors, `[]` when the value is valid.
 */
export function documentUnderTest() {
  const document = asyncApiDocument() as unknown as AsyncApiDocument;
  // Only the components: the rest of an AsyncAPI document is no schema. `components` itself is only a
  // container of the schemas the pointers reach; strict mode checks each schema that is compiled.
  const ajv = new Ajv({ allErrors: true });
  ajv.addKeyword('components');
  addFormats(ajv);
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components }, DOCUMENT_ID);
  const compiled = new Map<string, ValidateFunction>();
  const errorsOf = (pointer: string, value: unknown): string[] => {
    let validate = compiled.get(pointer);
    if (!validate) compiled.set(pointer, (validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` })));
    return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message}`);
  };
  return {
    document,
    errorsOf,
    /** A message's headers, payload or Kafka key checked against its schema. */
    messageErrors: (id: string, part: 'headers' | 'payload' | 'key', value: unknown) =>
      errorsOf(`/components/messages/${id}/${part === 'key' ? 'bindings/kafka/key' : part}`, value),
  };
}
