/**
 * What a consumer decided about one delivery. Each transport maps it to its own language in exactly
 * one place (Knative: 2xx / 5xx / 400; Dapr: `{"status": "SUCCESS" | "RETRY" | "DROP"}`).
 */
export type Outcome =
  | { kind: 'ack'; note?: string }
  | { kind: 'retry'; reason: string }
  | { kind: 'drop'; reason: string };

export const ack = (note?: string): Outcome => (note ? { kind: 'ack', note } : { kind: 'ack' });
export const retry = (reason: string): Outcome => ({ kind: 'retry', reason });
export const drop = (reason: string): Outcome => ({ kind: 'drop', reason });
