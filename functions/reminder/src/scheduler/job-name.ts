const PREFIX = 'reminder-';

/** The Dapr job of a reminder: `reminder-<uuid>`, deterministic and URL-safe (hex digits and dashes). */
export function jobName(reminderId: string): string {
  return `${PREFIX}${reminderId.toLowerCase()}`;
}
