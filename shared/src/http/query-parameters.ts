import * as z from 'zod/mini';

/** How a query parameter arrives (`c.req.queries()` gives every parameter as a list) and what one value must be. */
export interface QueryParameterMeta {
  item: z.core.$ZodType;
  repeatable: boolean;
}

const described = new WeakMap<object, QueryParameterMeta>();

/** What the API description says of a query parameter built with {@link one} or {@link many}. */
export const queryParameterMeta = (schema: object): QueryParameterMeta | undefined => described.get(schema);

/** A parameter given at most once; a problem names the parameter itself, not `name.0`. */
export function one<T extends z.core.$ZodType<unknown, string>>(item: T) {
  const schema = z.pipe(
    z.pipe(z.array(z.string()).check(z.maxLength(1, 'give this parameter once')), z.transform((list: string[]) => list[0]!)),
    item,
  );
  described.set(schema, { item, repeatable: false });
  return schema;
}

/** A parameter that may repeat (`?tag=a&tag=b`), at most `max` times. */
export function many<T extends z.core.SomeType>(item: T, max = 20) {
  const schema = z.array(item).check(z.maxLength(max));
  described.set(schema, { item: item as unknown as z.core.$ZodType, repeatable: true });
  return schema;
}
