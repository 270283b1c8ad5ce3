/** ISO 8601 duration as the task API accepts it (weeks, days, hours, minutes, seconds). */
const ISO_DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * A reminder offset (`Task.reminders`: an ISO 8601 duration before the due time) as the TRIGGER of a
 * VALARM (RFC 5545 §3.8.6.3), relative to the event's start: `P2D` → `-P2D`, `PT0S` → `PT0S`. The
 * duration is rewritten in the RFC's own grammar, which ISO allows more than: weeks alone or not at
 * all (`P1W2D` → `-P9D`), no hours followed directly by seconds (`PT1H30S` → `-PT1H0M30S`), and
 * counted exactly however many digits it has.
 */
export function alarmTrigger(isoDuration: string): string {
  const match = ISO_DURATION.exec(isoDuration);
  if (!match) throw new Error(`not a reminder offset: ${isoDuration}`);
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((digits) => BigInt(digits ?? 0)) as [bigint, bigint, bigint, bigint, bigint];
  const total = (((weeks * 7n + days) * 24n + hours) * 60n + minutes) * 60n + seconds;
  if (total === 0n) return 'PT0S';
  if (total % 604_800n === 0n) return `-P${total / 604_800n}W`;
  const wholeDays = total / 86_400n;
  const h = (total % 86_400n) / 3_600n;
  const m = (total % 3_600n) / 60n;
  const s = total % 60n;
  let time = '';
  if (h > 0n) time = `${h}H${m > 0n || s > 0n ? `${m}M` : ''}${s > 0n ? `${s}S` : ''}`;
  else if (m > 0n) time = `${m}M${s > 0n ? `${s}S` : ''}`;
  else if (s > 0n) time = `${s}S`;
  return `-P${wholeDays > 0n ? `${wholeDays}D` : ''}${time ? `T${time}` : ''}`;
}
