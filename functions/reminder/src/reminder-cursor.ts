import * as z from 'zod/mini';
import { Problem } from '#shared/http/problem';

const Cursor = z.object({ r: z.iso.datetime(), i: z.uuid() });

/** The opaque `nextCursor` of `GET /reminders`: the last reminder of the page, in (remindAt, id) order. */
export const encodeCursor = (last: { remindAt: string; id: string }) => Buffer.from(JSON.stringify({ r: last.remindAt, i: last.id })).toString('base64url');

/** The reminder a cursor points after; a 400 naming `cursor` for one this server did not issue. */
export function decodeCursor(cursor: string): { remindAt: string; id: string } {
  let value: unknown = null;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // refused below
  }
  const parsed = Cursor.safeParse(value);
  if (!parsed.success) throw new Problem(400, 'Bad Request', 'the cursor is not valid', [{ field: 'cursor', message: 'is not one this server issued' }]);
  return { remindAt: parsed.data.r, id: parsed.data.i };
}
