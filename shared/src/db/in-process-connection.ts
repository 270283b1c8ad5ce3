import { EventEmitter } from 'node:events';
import type { PgliteSessionQueue } from './pglite-session-queue';
import { closeStatementsMessage, completeMessagesLength, preparedStatementNames, PROTOCOL_V3, startupCode, startupLength } from './wire-messages';

/** Ids of in-process connections, apart from the socket handlers' (which count from 1). */
let nextConnectionId = 1_000_000;

/**
 * A client connection to the embedded database without a socket: the object `postgres` takes as its
 * `socket` option. What the client writes goes to the shared session queue as whole batches of
 * protocol messages (Parse/Describe/Flush, Bind/Execute/Sync) and each batch's reply comes back as
 * one `data` event. A loopback socket costs two system calls and an event-loop turn per message,
 * and the socket handler runs each message on its own; here a statement is two hops in memory.
 */
export class InProcessConnection extends EventEmitter {
  readonly id = nextConnectionId++;
  private pending: Buffer = Buffer.alloc(0);
  private started = false;
  private closed = false;
  /** Named statements this connection prepared: the one session keeps them until they are closed. */
  private readonly statements = new Set<string>();

  constructor(private readonly queue: PgliteSessionQueue) {
    super();
  }

  /** `postgres` sends its Terminate only while this is 'open', and waits for 'close' until it is 'closed'. */
  get readyState(): 'open' | 'closed' {
    return this.closed ? 'closed' : 'open';
  }

  write(chunk: Uint8Array, callback?: (error?: Error) => void): boolean {
    if (this.closed) {
      process.nextTick(() => callback?.(new Error('connection closed')));
      return false;
    }
    this.pending = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    for (;;) {
      const length = this.started ? completeMessagesLength(this.pending) : startupLength(this.pending);
      if (length === 0) break;
      if (!this.started) {
        this.started = true;
        // A cancel or SSL request: the embedded session can neither cancel nor encrypt.
        if (startupCode(this.pending) !== PROTOCOL_V3) {
          this.close();
          break;
        }
      }
      const batch = this.pending.subarray(0, length);
      this.pending = this.pending.subarray(length);
      for (const name of preparedStatementNames(batch)) this.statements.add(name);
      this.send(batch);
    }
    if (callback) process.nextTick(callback);
    return true;
  }

  /** The client's Terminate needs no answer: the session is released and the connection closes. */
  end(): this {
    this.close();
    return this;
  }

  destroy(): this {
    this.close();
    return this;
  }

  private send(batch: Buffer): void {
    this.queue
      .enqueue(this.id, batch, (reply) => {
        if (!this.closed) this.emit('data', Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength));
      })
      .catch((error: unknown) => {
        if (this.closed) return;
        this.emit('error', error instanceof Error ? error : new Error(String(error)));
        this.close();
      });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = Buffer.alloc(0);
    this.queue.clearQueueForHandler(this.id);
    // A transaction left open by this connection is rolled back before the session serves another,
    // and the statements it prepared are freed.
    void this.queue
      .clearTransactionIfNeeded(this.id)
      .then(() => (this.statements.size > 0 ? this.queue.enqueue(this.id, closeStatementsMessage(this.statements), () => {}) : 0))
      .catch(() => {})
      .finally(() => {
        this.statements.clear();
        this.emit('close', false);
      });
  }
}
