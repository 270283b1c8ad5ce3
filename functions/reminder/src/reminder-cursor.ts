import * as z from 'zod/mini';
import { Rfc3339 } from '#shared/contracts/time';
import { pageCursor } from '#shared/http/page-cursor';

// Range-checked like every time this server reads: a forged year 0000 would fail in Postgres (a 500).
const cursor = pageCursor(z.object({ r: Rfc3339, i: z.uuid() }));

/** The opaque `nextCursor` of `GET /reminders`: the last reminder of the page, in (remindAt, id) order. */
export const encodeCursor = (last: { remindAt: string; id: string }) => cursor.encode({ r: last.remindAt, i: last.id });

/** The reminder a cursor points after; a 400 naming `cursor` for one this server did not issue. */
export function decodeCursor(value: string): { remindAt: string; id: string } {
  const { r, i } = cursor.decode(value);
  return { remindAt: r, id: i };
}
