/** Writes a batch of items in one transaction; one result per item, in order. */
export type WriteBatch<I, R> = (items: readonly I[]) => Promise<R[]>;

interface Waiting<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: an item that arrives while no transaction is in flight is written at once; items
 * that arrive during one wait and are written together in the next (up to `maxBatch`). Under load
 * (many deliveries in flight, as Kafka partitions or Knative send them) one durable commit carries
 * many items, and nothing waits on a timer. A batch that fails is written again item by item, so
 * bad data or a transient error fails only the items it concerns.
 * @example const append = groupCommit((entries: readonly Entry[]) => insertAll(sql, entries));
 * await append(entry); // settles once the entry's transaction committed (or failed)
 */
export function groupCommit<I, R>(writeBatch: WriteBatch<I, R>, options: { maxBatch?: number } = {}): (item: I) => Promise<R> {
  const maxBatch = options.maxBatch ?? 250;
  const waiting: Waiting<I, R>[] = [];
  let writing = false;

  async function write(batch: Waiting<I, R>[]): Promise<void> {
    try {
      const results = await writeBatch(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const entry of batch) await write([entry]);
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

  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!writing) void drain();
    });
}
