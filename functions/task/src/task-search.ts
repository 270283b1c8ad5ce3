import type postgres from 'postgres';
import type { Sql } from '#shared/db/connect';

/** The words of a search, lowercased, at most ten; null when it has none. */
export function searchWords(text: string): string[] | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.slice(0, 10) : null;
}

/** Each word as a prefix match, so "mil" finds "milk". */
export const prefixQuery = (words: string[]) => words.map((word) => `${word}:*`).join(' & ');

/**
 * A search within one user's tasks: the index of the user's own lexemes (`user_lexemes`, migration
 * 004) finds the user's candidates without reading other users' matches; the match on `search` decides.
 */
export function searchConditions(sql: Sql, schema: string, userId: string, words: string[]): postgres.Fragment[] {
  return [
    sql`${sql(`${schema}.user_lexemes`)}(user_id, search) @@ ${sql(`${schema}.user_query`)}(${userId}, ${words.join(' ')})`,
    sql`search @@ to_tsquery('simple', ${prefixQuery(words)})`,
  ];
}

/** How well a task matches (title and tags weigh more than the description). */
export const searchRank = (sql: Sql, words: string[]) => sql`ts_rank(search, to_tsquery('simple', ${prefixQuery(words)}))`;
