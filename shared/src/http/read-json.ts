import type { Context } from 'hono';
import * as z from 'zod/mini';
import '../contracts/english-errors';
import { MAX_JSON_DEPTH, nestsDeeperThan, tooDeep } from '../contracts/json-depth';
import { brokenTextFields } from '../contracts/plain-text';
import { type FieldError, Problem } from './problem';

/** Maps schema issues to field errors; an unknown key is named as its own field. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: base ? `${base}.${key}` : key, message: 'is not a known field' }));
    }
    return [{ field: base || '(body)', message: issue.message }];
  });
}

/** Validates a value against a schema or throws a 422 problem naming each field. */
export function parseOr422<S extends z.core.$ZodType>(schema: S, value: unknown, what = 'request body'): z.infer<S> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw new Problem(422, 'Unprocessable Content', `the ${what} is invalid`, fieldErrors(result.error.issues));
  return result.data;
}

/**
 * Reads a JSON request body and validates it: 415 when it is not JSON, 400 when it does not parse,
 * 422 when it nests arrays and objects more than {@link MAX_JSON_DEPTH} levels (checked before
 * anything else walks it), 422 naming the fields that break the schema or hold text Postgres cannot
 * store (NUL, lone surrogates). (Oversize bodies are refused earlier with 413.)
 */
export async function readJson<S extends z.core.$ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new Problem(415, 'Unsupported Media Type', 'send the body as application/json');
  }
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Problem(400, 'Bad Request', `the body is not valid JSON: ${(error as Error).message}`);
  }
  if (nestsDeeperThan(value)) {
    throw new Problem(422, 'Unprocessable Content', tooDeep('the request body'), [{ field: '(body)', message: `must not nest arrays and objects more than ${MAX_JSON_DEPTH} levels deep` }]);
  }
  const broken = brokenTextFields(value);
  if (broken.length) throw new Problem(422, 'Unprocessable Content', 'the request body is invalid', broken);
  return parseOr422(schema, value);
}
