import * as z from 'zod/mini';
import { Rfc3339 } from '#shared/contracts/time';

/** What a turn did, and to which tasks. */
export const Action = z.object({
  kind: z.enum(['created', 'updated', 'completed', 'reopened', 'deleted', 'listed', 'reminder-scheduled', 'clarify']),
  taskIds: z.optional(z.array(z.uuid())),
});
export type Action = z.infer<typeof Action>;

export const Message = z.object({
  id: z.uuid(),
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  actions: z.array(Action),
  createdAt: Rfc3339,
});
export type Message = z.infer<typeof Message>;
z.globalRegistry.add(Message, { id: 'ChatMessage' });

/** A conversation as the list of recent ones shows it. */
export const ConversationSummary = z.object({ id: z.uuid(), title: z.string(), createdAt: Rfc3339, updatedAt: Rfc3339 });
