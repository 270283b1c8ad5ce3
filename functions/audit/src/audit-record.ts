import { createHash } from 'node:crypto';
import type { AnyEvent } from '#shared/events/catalog';
import { canonicalJson } from './canonical-json';

/** What one event tells the audit log; the content every record's hash covers (with its sequence). */
export interface AuditEntry {
  userId: string;
  eventId: string;
  source: string;
  type: string;
  subject: string;
  /** The task the event is about, when it is about one. */
  taskId: string | null;
  /** The event's `time`, in UTC with milliseconds. */
  time: string;
  /** When the audit function appended it, in UTC with milliseconds. */
  receivedAt: string;
  /** The W3C trace context: the correlation id across functions. */
  traceparent: string;
  data: unknown;
}

/** An entry as a link of its user's chain. */
export interface AuditRecord extends AuditEntry {
  /** 1, 2, 3, … per user, without gaps. */
  sequence: number;
  prevHash: string;
  hash: string;
}

/** Where a chain stands: its last sequence and hash (`0` and {@link GENESIS_HASH} before the first record). */
export interface ChainHead {
  sequence: number;
  hash: string;
}

/** The `prevHash` of every user's first record. */
export const GENESIS_HASH = '0'.repeat(64);
export const EMPTY_CHAIN: ChainHead = { sequence: 0, hash: GENESIS_HASH };

/** Version of the hashed content layout; a new layout would get a new number. */
const CONTENT_VERSION = 1;

/** The task an event is about: task events carry it in `data.task`, the others in `data.taskId`. */
export function taskIdOf(event: AnyEvent): string | null {
  const data = event.data as { task?: { id: string }; taskId?: string | null };
  return data.task?.id ?? data.taskId ?? null;
}

/** The audit entry for a validated event received at `receivedAt`. */
export function auditEntry(event: AnyEvent, receivedAt: Date): AuditEntry {
  return {
    userId: event.userid,
    eventId: event.id,
    source: event.source,
    type: event.type,
    subject: event.subject,
    taskId: taskIdOf(event),
    time: new Date(event.time).toISOString(),
    receivedAt: receivedAt.toISOString(),
    traceparent: event.traceparent,
    data: event.data,
  };
}

/** The canonical JSON of what a record's hash covers: every field but the hashes themselves. */
export function hashedContent(record: AuditEntry & { sequence: number }): string {
  const { userId, sequence, eventId, source, type, subject, taskId, time, receivedAt, traceparent, data } = record;
  return canonicalJson({ v: CONTENT_VERSION, userId, sequence, eventId, source, type, subject, taskId, time, receivedAt, traceparent, data });
}

/** `sha256(prevHash || canonical JSON of the content)`, lowercase hex. */
export function linkHash(prevHash: string, record: AuditEntry & { sequence: number }): string {
  return createHash('sha256').update(prevHash).update(hashedContent(record)).digest('hex');
}

/** The entry as the next link after `head`. */
export function chainRecord(entry: AuditEntry, head: ChainHead): AuditRecord {
  const linked = { ...entry, sequence: head.sequence + 1 };
  return { ...linked, prevHash: head.hash, hash: linkHash(head.hash, linked) };
}
