import { nestsDeeperThan } from '../contracts/json-depth';

/** A page cursor clients pass back unread: the JSON of where the page ended, base64url-encoded. */
export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * What a cursor carries, or `undefined` when it is not one this encoding made (the caller then
 * answers 400): not base64url JSON, or JSON nested deeper than any cursor is.
 */
export function readCursor(cursor: string): unknown {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return nestsDeeperThan(value) ? undefined : value;
  } catch {
    return undefined;
  }
}
