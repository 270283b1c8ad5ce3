import type { Intent } from './intent';

/** One corpus message and the parts of the intent it must produce (matched with `toMatchObject`). */
export interface CorpusEntry {
  message: string;
  expect: { kind: Intent['kind'] } & Record<string, unknown>;
  /** Defaults to {@link CORPUS_NOW}. */
  now?: string;
  /** Defaults to {@link CORPUS_ZONE}. */
  timeZone?: string;
  /** Sent right after a task was discussed. */
  followsTask?: boolean;
}

/** A Wednesday morning in Berlin (summer time). */
export const CORPUS_NOW = '2026-05-06T10:00:00+02:00';
export const CORPUS_ZONE = 'Europe/Berlin';
