/** One message for a user's open pages: an SSE event name and its JSON data. */
export interface LiveMessage {
  event: 'task' | 'notification';
  id: string;
  data: unknown;
}

export type LiveListener = (message: LiveMessage) => void;

/**
 * In-process fan-out of live messages to each user's open streams. Remembers recent event ids so a
 * redelivered event is pushed once. Every replica holds its own hub (see the README: each replica
 * must receive every event).
 */
export function createUserHub(options: { maxStreamsPerUser?: number; rememberIds?: number } = {}) {
  const listeners = new Map<string, Set<LiveListener>>();
  const seen = new Set<string>();
  const remember = options.rememberIds ?? 2_000;
  const maxStreams = options.maxStreamsPerUser ?? 10;

  return {
    /** Adds a listener; returns its removal, or null when the user already has too many streams open. */
    subscribe(userId: string, listener: LiveListener): (() => void) | null {
      const set = listeners.get(userId) ?? new Set<LiveListener>();
      if (set.size >= maxStreams) return null;
      set.add(listener);
      listeners.set(userId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(userId);
      };
    },
    publish(userId: string, message: LiveMessage): number {
      if (seen.has(message.id)) return 0;
      seen.add(message.id);
      if (seen.size > remember) seen.delete(seen.values().next().value!);
      const set = listeners.get(userId);
      for (const listener of set ?? []) listener(message);
      return set?.size ?? 0;
    },
    streamCount: () => [...listeners.values()].reduce((total, set) => total + set.size, 0),
  };
}
export type UserHub = ReturnType<typeof createUserHub>;
