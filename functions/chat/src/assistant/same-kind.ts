/**
 * A general word for a kind of task and what titles of that kind hold: "the appointment" for the
 * dentist, "the call" for "call the insurance company", "the payment" for "pay rent".
 */
const KINDS: [RegExp, RegExp][] = [
  [/^(?:appointment|appt|booking|visit|check-?up)s?$/i, /\b(?:dentist|doctor|dr|gp|vet|haircut|hairdresser|barber|physio|optician|clinic|hospital|surgery|therapist|nurse|appointment|appt|check-?up)\b/i],
  [/^(?:call|phone call|ring)$/i, /^(?:call|ring|phone)\b/i],
  [/^(?:payment|bill)s?$/i, /\b(?:pay|payment|bill|invoice|rent)\b/i],
  [/^(?:meeting|mtg)s?$/i, /\b(?:meeting|mtg|1:1|one-on-one|sync|stand-?up|catch-?up|review|interview)\b/i],
  [/^(?:e-?mail|mail)$/i, /\b(?:e-?mail|mail|reply|write to)\b/i],
];

/** True when `word` is a general name for the kind of thing `title` is. */
export function isOfKind(word: string, title: string): boolean {
  const kind = KINDS.find(([general]) => general.test(word.trim()));
  return kind !== undefined && kind[1].test(title);
}
