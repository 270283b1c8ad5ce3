import type { NotificationChannel } from '#shared/events/notification-events';

/** Where one try goes: a user's deliveries on one channel to one receiver (a webhook origin, the SMTP server). */
export interface Lane {
  userId: string;
  channel: NotificationChannel;
  receiver: string;
}

/** The key of a lane's circuit breaker and concurrency limit: one user's, one receiver's. */
export const laneKey = (lane: Lane) => JSON.stringify([lane.userId, lane.receiver]);

/**
 * Counts the tries in flight per user and per lane (user and receiver) and refuses a try over
 * `perUser` or `perReceiver`, so neither one user nor one user's receiver can take the slots of
 * others. An entry lives only while a try holds it, so there are never more entries than tries in flight.
 */
export function inFlightLimits(limits: { perUser: number; perReceiver: number }) {
  const users = new Map<string, number>();
  const lanes = new Map<string, { lane: Lane; count: number }>();

  return {
    /** Takes a slot for a try in `lane`; false when the user or the lane is at its limit. */
    tryAcquire(lane: Lane): boolean {
      const user = users.get(lane.userId) ?? 0;
      const inLane = lanes.get(laneKey(lane))?.count ?? 0;
      if (user >= limits.perUser || inLane >= limits.perReceiver) return false;
      users.set(lane.userId, user + 1);
      lanes.set(laneKey(lane), { lane, count: inLane + 1 });
      return true;
    },
    /** Gives back the slot of a finished try. */
    release(lane: Lane): void {
      const user = users.get(lane.userId)! - 1;
      if (user === 0) users.delete(lane.userId);
      else users.set(lane.userId, user);
      const entry = lanes.get(laneKey(lane))!;
      if (entry.count === 1) lanes.delete(laneKey(lane));
      else entry.count--;
    },
    /** Users and (user, channel) pairs at their limit now: the next claim leaves their rows where they are. */
    saturated(): { users: string[]; lanes: Pick<Lane, 'userId' | 'channel'>[] } {
      return {
        users: [...users].filter(([, count]) => count >= limits.perUser).map(([userId]) => userId),
        lanes: [...lanes.values()].filter((entry) => entry.count >= limits.perReceiver).map(({ lane }) => ({ userId: lane.userId, channel: lane.channel })),
      };
    },
  };
}
