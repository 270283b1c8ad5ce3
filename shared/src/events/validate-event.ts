import { CATALOG, isKnownType, type AnyEvent } from './catalog';

export type Validation = { ok: true; event: AnyEvent } | { ok: false; reason: string };

/** Checks a decoded CloudEvent against the shared schema of its type. */
export function validateEvent(candidate: unknown): Validation {
  const type = (candidate as { type?: unknown } | null)?.type;
  if (!isKnownType(type)) return { ok: false, reason: `unknown event type ${JSON.stringify(type ?? null)}` };
  const result = CATALOG[type].schema.safeParse(candidate);
  if (result.success) return { ok: true, event: result.data as AnyEvent };
  const issues = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`);
  return { ok: false, reason: `invalid ${type}: ${issues.join('; ')}` };
}
