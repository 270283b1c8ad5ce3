import { type Attributes, context, type Context, ROOT_CONTEXT, type Span, SpanKind, type SpanContext, SpanStatusCode, trace } from '@opentelemetry/api';
import { childTraceparent, isTraceparent, newTraceparent } from './traceparent';

export { SpanKind, SpanStatusCode };

let tracing = false;

/** Set once the SDK is registered (and back off when it is shut down); until then spans cost nothing. */
export function setTracing(on: boolean): void {
  tracing = on;
}

/** Whether spans are recorded (the SDK is registered): what is set up once may depend on it. */
export const isTracing = (): boolean => tracing;

const tracer = () => trace.getTracer('todo-functions');

/** A W3C `traceparent` as an OpenTelemetry span context (remote); undefined when it is not a valid one. */
export function spanContextOf(traceparent: string | null | undefined): SpanContext | undefined {
  if (!isTraceparent(traceparent)) return undefined;
  const [, traceId, spanId, flags] = traceparent.split('-') as [string, string, string, string];
  return { traceId, spanId, traceFlags: Number.parseInt(flags, 16), isRemote: true };
}

export function traceparentOf(spanContext: SpanContext): string {
  return `00-${spanContext.traceId}-${spanContext.spanId}-${(spanContext.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

/** The active span's `traceparent` while traces are recorded and a span is active; otherwise undefined. */
export function activeTraceparent(): string | undefined {
  if (!tracing) return undefined;
  const span = trace.getActiveSpan();
  return span && trace.isSpanContextValid(span.spanContext()) ? traceparentOf(span.spanContext()) : undefined;
}

/** Links a span (default: the active one) to the spans that `traceparents` name (a firing to the requests that scheduled it). */
export function linkSpanTo(traceparents: readonly (string | null | undefined)[], span: Span | undefined = tracing ? trace.getActiveSpan() : undefined): void {
  if (!tracing) return;
  span?.addLinks(linksOf(traceparents));
}

export interface SpanOptions {
  kind?: SpanKind;
  /** The parent's `traceparent`; `null` starts a new trace; absent: the active span. */
  parent?: string | null | undefined;
  /** Spans this one follows from without being their child (their `traceparent`s; invalid ones are skipped). */
  links?: readonly (string | null | undefined)[];
  attributes?: Attributes;
}

/**
 * Runs `work` in a span. While traces are recorded: a span, child of `parent` (or of the active
 * span), active for everything `work` awaits, ended when it settles, an error status when it throws;
 * `work` gets its `traceparent` to carry on. Otherwise no OpenTelemetry call at all, and `work` gets
 * what the system carried before tracing: a child `traceparent` of `parent`, or a new trace's.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: (traceparent: string, span?: Span) => Promise<T>): Promise<T> {
  if (!tracing) return work(isTraceparent(options.parent) ? childTraceparent(options.parent) : newTraceparent());
  const parent = options.parent === undefined ? context.active() : parentContext(options.parent);
  const spanOptions = { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes ?? {}, links: linksOf(options.links ?? []) };
  return tracer().startActiveSpan(name, spanOptions, parent, async (span) => {
    try {
      return await work(traceparentOf(span.spanContext()), span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

function parentContext(traceparent: string | null): Context {
  const remote = spanContextOf(traceparent);
  return remote ? trace.setSpanContext(ROOT_CONTEXT, remote) : ROOT_CONTEXT;
}

function linksOf(traceparents: readonly (string | null | undefined)[]) {
  return traceparents.flatMap((traceparent) => {
    const linked = spanContextOf(traceparent);
    return linked ? [{ context: linked }] : [];
  });
}
