import type { ServerResponse } from 'node:http';

/** Where a stream's bytes go, and how the stream learns that its client can take more or went away. */
export interface SseSink {
  write(bytes: Uint8Array): void;
  /** False while the client has not taken what was written before: the stream waits for `onReady`. */
  ready(): boolean;
  end(): void;
}

export interface SseSinkEvents {
  /** The client can take more. */
  onReady: () => void;
  /** The client went away (the connection closed). */
  onGone: () => void;
}

/**
 * The stream written straight to Node's response for its socket, as the function's server serves it:
 * per open page no ReadableStream, reader, controller or pending read stays alive (about 7 KiB a stream,
 * bench/results/live-streams.md). Node buffers a write the socket cannot take at once and says so
 * (`write` returns false) until `drain`.
 */
export function nodeResponseSink(response: ServerResponse, head: { status: number; headers: Record<string, string> }, events: SseSinkEvents): SseSink {
  let ready = true;
  response.writeHead(head.status, head.headers);
  response.on('drain', () => {
    ready = true;
    events.onReady();
  });
  response.on('close', events.onGone);
  // The client may have gone while the stream was being authorised: its `close` has already passed.
  if ((response.socket ?? response.req.socket)?.destroyed !== false) queueMicrotask(events.onGone);
  return {
    write(bytes) {
      ready = response.write(bytes);
    },
    ready: () => ready,
    end: () => response.end(),
  };
}

/** The stream as a response body, where there is no Node response to write to (a request made in process). */
export function readableStreamSink(events: SseSinkEvents): { body: ReadableStream<Uint8Array>; sink: SseSink } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(opened) {
      controller = opened;
    },
    pull: events.onReady,
    cancel: events.onGone,
  });
  return {
    body,
    sink: {
      write: (bytes) => controller.enqueue(bytes),
      ready: () => (controller.desiredSize ?? 0) > 0,
      end: () => controller.close(),
    },
  };
}
