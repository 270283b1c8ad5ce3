import type { PGlite } from '@electric-sql/pglite';
import { lastMessageType } from './wire-messages';

interface Pending {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

const SYNC = 0x53;
const SIMPLE_QUERY = 0x51;
const TERMINATE = 0x58;

/**
 * Shares the one PGlite session among socket connections without mixing their protocol messages.
 * pglite-socket's own queue only keeps a connection's turn inside an explicit transaction, so the
 * extended-protocol sequence Parse/Bind/Execute/Sync of two clients can interleave (a Bind then
 * meets another client's unnamed statement). Here a connection keeps the session from its first
 * message until a Sync or simple Query completes outside a transaction. A message may be a batch of
 * whole messages, as an in-process connection sends them.
 */
export class PgliteSessionQueue {
  private readonly queue: Pending[] = [];
  private owner: number | null = null;
  private processing = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.handlerId === handlerId) this.queue.splice(i, 1)[0]!.reject(new Error('connection closed'));
    }
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    void this.process();
  }

  private next(): Pending | undefined {
    const index = this.owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === this.owner);
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        this.owner = item.handlerId;
        const chunks: Uint8Array[] = [];
        try {
          await this.db.runExclusive(() =>
            // Files on disk (or in memory) are written as the session goes: no sync step to run after each.
            this.db.execProtocolRawStream(item!.message, { syncToFs: false, onRawData: (data) => chunks.push(data.slice()) }),
          );
          // One socket write per message, not one per result chunk: each write is a system call.
          const reply = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          if (reply.length > 0) item.onData(reply);
          item.resolve(reply.length);
        } catch (error) {
          item.reject(error);
        }
        // A batch of messages (Bind/Execute/Sync) ends the client's turn as its last message does.
        const type = lastMessageType(item.message);
        const endsTurn = type === SYNC || type === SIMPLE_QUERY || type === TERMINATE || type === 0;
        if (endsTurn && !this.db.isInTransaction()) this.owner = null;
      }
    } finally {
      this.processing = false;
    }
  }
}
