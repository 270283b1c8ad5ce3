import { claimEvent } from '#shared/db/idempotency';
import type { Consumer } from '#shared/events/consumer';
import { ack, type Outcome } from '#shared/events/outcome';
import { TOPICS } from '#shared/events/topics';
import { COUNTED_TYPES, tallyOf } from './decide';
import type { StatsDeps } from './stats-deps';
import { addTally } from './stats-store';

/**
 * Counts, per user and UTC day, the tasks created, completed and deleted and the reminders
 * delivered. Each event (`source`, `id`) counts once however often it is delivered: it is claimed in
 * the same transaction that adds its one.
 */
export function createStatsConsumer(deps: StatsDeps): Consumer {
  const { sql, schema } = deps;
  return {
    name: 'stats',
    bookkeeping: true,
    topics: [TOPICS.taskEvents, TOPICS.reminderEvents],
    types: COUNTED_TYPES,
    async handle(event): Promise<Outcome> {
      const tally = tallyOf(event);
      if (!tally) return ack(`ignored ${event.type}`);
      const counted = await sql.begin(async (tx) => {
        if (!(await claimEvent(tx, schema, event))) return false;
        await addTally(tx, schema, tally);
        return true;
      });
      return counted ? ack() : ack('duplicate event');
    },
  };
}
