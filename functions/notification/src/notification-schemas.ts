import * as z from 'zod/mini';
import { one } from '#shared/http/query-parameters';
import '#shared/contracts/english-errors';

const Channel = z.enum(['in-app', 'webhook', 'email']);
const Channels = z.array(Channel).check(
  z.minLength(1),
  z.refine((channels) => new Set(channels).size === channels.length, 'must not repeat a channel'),
);
z.globalRegistry.add(Channels, { uniqueItems: true });

/** The body of `POST /notifications/send`. */
export const SendNotification = z.strictObject({
  title: z.string().check(z.maxLength(300), z.regex(/\S/, 'must not be blank')),
  body: z.optional(z.string().check(z.maxLength(5_000))),
  channels: z.optional(Channels),
});
export type SendNotification = z.infer<typeof SendNotification>;

/** `GET /notifications/{userId}` query parameters. */
export const ListQuery = z.strictObject({
  limit: z.optional(one(z.pipe(z.string().check(z.regex(/^(?:[1-9]\d?|1\d\d|200)$/, 'must be a whole number from 1 to 200')), z.transform(Number)))),
  cursor: z.optional(one(z.string().check(z.minLength(1), z.maxLength(500)))),
  unread: z.optional(one(z.enum(['true', 'false']))),
  channel: z.optional(one(Channel)),
});
export type ListQuery = z.infer<typeof ListQuery>;
