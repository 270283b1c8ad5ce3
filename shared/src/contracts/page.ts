import * as z from 'zod/mini';

/** One page of a list: follow `nextCursor` (as `cursor`) until it is null. */
export const pageOf = <T extends z.core.SomeType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.nullable(z.string()),
  });
