import type { AnyEvent } from './catalog';
import type { Consumer } from './consumer';
import type { Refusal, Sender } from './event-senders';

/**
 * Whether `sender` may have `event` handled by `consumer`: the event path may deliver anything the
 * function consumes; a producer only the types listed for it; a person only the commands the
 * consumer accepts from users, for themselves (`userid` must be theirs), and only as the consumer's
 * own rule allows. Null when permitted.
 */
export function refusalFor(sender: Sender, event: AnyEvent, consumer: Consumer): Refusal | null {
  switch (sender.kind) {
    case 'platform':
      return null;
    case 'producer':
      return sender.types.includes(event.type) ? null : { status: 403, reason: `${sender.subject} may not send ${event.type}` };
    case 'user': {
      const fromUsers = consumer.fromUsers;
      if (!fromUsers?.types.includes(event.type)) return { status: 403, reason: `${event.type} cannot be sent with a user's token` };
      if (event.userid !== sender.userId) return { status: 403, reason: 'the event\'s userid must be the token\'s user' };
      const refused = fromUsers.refuse?.(event);
      return refused ? { status: 403, reason: refused } : null;
    }
  }
}
