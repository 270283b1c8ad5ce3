import * as z from 'zod/mini';
import { encodeCursor, readCursor } from './opaque-cursor';
import { Problem } from './problem';

/** The 400 for a cursor this server did not issue (or not for this query); `why` is what `errors` says of `cursor`. */
export const invalidCursor = (why = 'is not one this server issued') => new Problem(400, 'Bad Request', 'the cursor is not valid', [{ field: 'cursor', message: why }]);

/**
 * A list's page cursor: where the page ended, as `schema` says, opaque to clients. `decode` answers
 * any cursor that is not one `encode` made with a 400 naming `cursor` (see {@link invalidCursor}).
 */
export function pageCursor<S extends z.core.$ZodType>(schema: S, why?: string) {
  return {
    encode: (position: z.output<S>): string => encodeCursor(position),
    decode(cursor: string): z.output<S> {
      const parsed = z.safeParse(schema, readCursor(cursor));
      if (!parsed.success) throw invalidCursor(why);
      return parsed.data;
    },
  };
}
