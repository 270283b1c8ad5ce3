/** One message for a user's open pages: an SSE event name and its JSON data. */
export interface LiveMessage {
  event: 'task' | 'notification';
  id: string;
  data: unknown;
}

/** An open page as the hub sees it: where its messages go, and how to end it. */
export interface LiveListener {
  push: (message: LiveMessage) => void;
  /** Ends the stream; the browser reconnects and the page reloads what it may have missed. */
  end: () => void;
}

/**
 * This instance's open streams per user. Remembers recent event ids so a redelivered event is pushed
 * once. Every chat instance holds its own hub; the live fan-out (live-fanout.ts) makes each event
 * reach every instance's hub.
 */
export function createUserHub(options: { maxStreamsPerUser?: number; maxStreams?: number; rememberIds?: number } = {}) {
  const listeners = new Map<string, Set<LiveListener>>();
  const seen = new Set<string>();
  const remember = options.rememberIds ?? 2_000;
  const maxPerUser = options.maxStreamsPerUser ?? 10;
  const maxStreams = options.maxStreams ?? 10_000;
  let open = 0;

  return {
    /**
     * Adds a listener; returns its removal, or why it was refused: the user already has too many
     * streams open here, or this instance has (each open stream holds a connection and memory).
     */
    subscribe(userId: string, listener: LiveListener): (() => void) | 'user-limit' | 'instance-limit' {
      const set = listeners.get(userId) ?? new Set<LiveListener>();
      if (set.size >= maxPerUser) return 'user-limit';
      if (open >= maxStreams) return 'instance-limit';
      set.add(listener);
      listeners.set(userId, set);
      open++;
      return () => {
        if (set.delete(listener)) open--;
        if (set.size === 0 && listeners.get(userId) === set) listeners.delete(userId);
      };
    },
    publish(userId: string, message: LiveMessage): number {
      if (seen.has(message.id)) return 0;
      seen.add(message.id);
      if (seen.size > remember) seen.delete(seen.values().next().value!);
      const set = listeners.get(userId);
      for (const listener of set ?? []) listener.push(message);
      return set?.size ?? 0;
    },
    /** True when this instance has a stream of the user open. */
    has: (userId: string) => listeners.has(userId),
    /** Ends the user's open streams here (they may have missed a message). */
    end(userId: string): void {
      for (const listener of [...(listeners.get(userId) ?? [])]) listener.end();
    },
    /** Ends every open stream here (this instance may have missed messages); returns how many. */
    endAll(): number {
      const all = [...listeners.values()].flatMap((set) => [...set]);
      for (const listener of all) listener.end();
      return all.length;
    },
    streamCount: () => open,
  };
}
export type UserHub = ReturnType<typeof createUserHub>;
