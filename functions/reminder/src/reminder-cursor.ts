import * as z from 'zod/mini';
import { Rfc3339 } from '#shared/contracts/time';
import { encodeCursor as encode, readCursor } from '#shared/http/opaque-cursor';
import { Problem } from '#shared/http/problem';

// Range-checked like every time this server reads: a forged year 0000 would fail in Postgres (a 500).
const Cursor = z.object({ r: Rfc3339, i: z.uuid() });

/** The opaque `nextCursor` of `GET /reminders`: the last reminder of the page, in (remindAt, id) order. */
export const encodeCursor = (last: { remindAt: string; id: string }) => encode({ r: last.remindAt, i: last.id });

/** The reminder a cursor points after; a 400 naming `cursor` for one this server did not issue. */
export function decodeCursor(cursor: string): { remindAt: string; id: string } {
  const parsed = Cursor.safeParse(readCursor(cursor));
  if (!parsed.success) throw new Problem(400, 'Bad Request', 'the cursor is not valid', [{ field: 'cursor', message: 'is not one this server issued' }]);
  return { remindAt: parsed.data.r, id: parsed.data.i };
}
