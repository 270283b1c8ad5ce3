/** A clock tests move by hand. */
export function testClock(start = '2026-05-01T08:00:00Z') {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (instant: string) => {
      now = new Date(instant);
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}
