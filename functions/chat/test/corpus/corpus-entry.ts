import type { Intent, TaskRef } from '../../src/language';

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

/** Builders for corpus files: "it", a title reference, a new task, and a message sent right after a task was discussed. */
export const it: TaskRef = { kind: 'it' };
export const title = (text: string): TaskRef => ({ kind: 'title', text });
export const add = (message: string, task: Record<string, unknown>): CorpusEntry => ({ message, expect: { kind: 'add', task } });
export const next = (message: string, expect: CorpusEntry['expect']): CorpusEntry => ({ message, expect, followsTask: true });
export const update = (message: string, target: TaskRef, changes: Record<string, unknown>): CorpusEntry => next(message, { kind: 'update', target, changes });
