/** True when two types accept the same values: a response schema and the type its producer is written against. */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Fails to compile unless `T` is `true`: `type _ = Holds<SameShape<Schema, Type>>`. */
export type Holds<T extends true> = T;
