import type { AuditEntry } from './audit-record';
import type { AppendResult } from './chain-batch';

/** Appends audit entries; the promise settles once the entry is durably recorded (or refused). */
export interface AuditAppender {
  append(entry: AuditEntry): Promise<AppendResult>;
}

interface Waiting {
  entry: AuditEntry;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** Writes a batch of entries in one transaction; one result per entry, in order. */
export type WriteBatch = (entries: readonly AuditEntry[]) => Promise<AppendResult[]>;

/**
 * Group commit: an entry that arrives while no transaction is in flight is written at once; entries
 * that arrive during one wait and are written together in the next (up to `maxBatch`), so under
 * load one durable commit carries many records and nothing waits on a timer. A batch that fails is
 * written again entry by entry, so bad data or a transient error fails only the entries it concerns.
 */
export function createAuditAppender(writeBatch: WriteBatch, options: { maxBatch?: number } = {}): AuditAppender {
  const maxBatch = options.maxBatch ?? 250;
  const waiting: Waiting[] = [];
  let writing = false;

  async function write(batch: Waiting[]): Promise<void> {
    try {
      const results = await writeBatch(batch.map((item) => item.entry));
      batch.forEach((item, i) => item.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const item of batch) await write([item]);
    }
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (waiting.length > 0) await write(waiting.splice(0, maxBatch));
    } finally {
      writing = false;
    }
  }

  return {
    append(entry) {
      return new Promise<AppendResult>((resolve, reject) => {
        waiting.push({ entry, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
