import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '#shared/db/connect';

export interface StreamTickets {
  /** A new ticket for `userId`, good for one stream within `ttlSeconds`. */
  issue(userId: string): Promise<{ ticket: string; expiresIn: number }>;
  /** The ticket's user, spending it; null when it is unknown, spent or expired. */
  redeem(ticket: string): Promise<string | null>;
}

const TICKET = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (ticket: string) => createHash('sha256').update(ticket).digest();

/**
 * Stream tickets in Postgres: 32 random bytes (base64url), kept only as a hash, spent by deleting the
 * row (so a ticket opens one stream, on whichever chat instance), expired ones removed as new ones
 * are issued.
 */
export function postgresStreamTickets(options: { sql: Sql; schema: string; ttlSeconds?: number }): StreamTickets {
  const { sql } = options;
  const table = sql(options.schema);
  const ttlSeconds = options.ttlSeconds ?? 30;
  return {
    async issue(userId) {
      const ticket = randomBytes(32).toString('base64url');
      await sql`delete from ${table}.stream_tickets where expires_at < now()`;
      await sql`insert into ${table}.stream_tickets (ticket_hash, user_id, expires_at) values (${hashOf(ticket)}, ${userId}, now() + make_interval(secs => ${ttlSeconds}))`;
      return { ticket, expiresIn: ttlSeconds };
    },
    async redeem(ticket) {
      if (!TICKET.test(ticket)) return null;
      const [row] = await sql<{ user_id: string }[]>`delete from ${table}.stream_tickets where ticket_hash = ${hashOf(ticket)} and expires_at > now() returning user_id`;
      return row?.user_id ?? null;
    },
  };
}
