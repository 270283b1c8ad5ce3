import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A W3C trace context `traceparent` value: the correlation id carried by requests and events. */
export function isTraceparent(value: string | undefined | null): value is string {
  const match = value ? TRACEPARENT.exec(value) : null;
  return !!match && !/^0+$/.test(match[1]!) && !/^0+$/.test(match[2]!);
}

export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

/** Same trace, new span: what a service puts on the events it emits while handling `parent`. */
export function childTraceparent(parent: string): string {
  const [, traceId, , flags] = TRACEPARENT.exec(parent)!;
  return `00-${traceId}-${randomBytes(8).toString('hex')}-${flags}`;
}

export function traceIdOf(traceparent: string): string {
  return traceparent.slice(3, 35);
}

/** Continues an incoming trace when valid, otherwise starts a new one. */
export function continueTrace(incoming: string | undefined | null): string {
  return isTraceparent(incoming) ? childTraceparent(incoming) : newTraceparent();
}
