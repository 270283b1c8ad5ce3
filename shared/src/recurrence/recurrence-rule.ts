/**
 * What the recurrence engine reads of a task's repetition. The wire contract (`Recurrence` in
 * `shared/src/contracts/recurrence.ts`, which validates it) has this shape; the engine sits below the
 * contracts and does not import them.
 */
export interface RecurrenceRule {
  /** An RFC 5545 RRULE without DTSTART. */
  rrule: string;
  /** The IANA time zone the rule's days and times are read in. */
  timezone: string;
  /** `schedule` (default): the next slot of the schedule; `completion`: counted from the completion. */
  from?: 'schedule' | 'completion' | undefined;
  /** The wall-clock first due time the zone skipped (a spring-forward gap), kept for the series. */
  localStart?: string | undefined;
}
