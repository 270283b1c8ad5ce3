/**
 * The wall-clock reading of an instant in an IANA zone as an ISO date-time without an offset
 * ("2026-03-29T03:30:00"), by Intl: a reading independent of the recurrence engine's own Temporal.
 */
export function localIso(instant: Date | number, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}
