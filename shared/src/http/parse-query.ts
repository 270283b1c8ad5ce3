import * as z from 'zod/mini';
import { type FieldError, Problem } from './problem';
import { fieldErrors } from './read-json';

/** The 422 problem of a query whose `errors` name each parameter. */
export const invalidQuery = (errors: FieldError[]) => new Problem(422, 'Unprocessable Content', 'the query is invalid', errors);

/** Validates query parameters or throws a 422 problem naming each parameter (`type`, not `type.1`). */
export function parseQuery<S extends z.core.$ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  throw invalidQuery(fieldErrors(result.error.issues).map((error) => ({ ...error, field: error.field.split('.')[0]! })));
}
