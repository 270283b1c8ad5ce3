import * as z from 'zod/mini';
import type { TracingSettings } from '../trace/tracing-settings';

const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;

/**
 * The standard OpenTelemetry variables this process reads for traces (the exporter reads its own
 * OTEL_EXPORTER_OTLP_* headers, timeout and compression). Traces are exported over OTLP/HTTP when an
 * endpoint is set; without one nothing of the SDK is even loaded.
 */
export const TRACING_VARIABLES = {
  OTEL_SDK_DISABLED: z.optional(z.enum(['true', 'false'])),
  OTEL_TRACES_EXPORTER: z.optional(z.enum(['otlp', 'none'])),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.optional(z.url()),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.optional(z.url()),
  // gRPC would add a second HTTP/2 stack to every bundle: the collector's OTLP/HTTP port (4318) takes the same data.
  OTEL_EXPORTER_OTLP_PROTOCOL: z.optional(z.enum(['http/protobuf', 'http/json'], { error: 'must be http/protobuf or http/json (gRPC is not bundled: use the OTLP/HTTP port, 4318)' })),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.optional(z.enum(['http/protobuf', 'http/json'], { error: 'must be http/protobuf or http/json (gRPC is not bundled: use the OTLP/HTTP port, 4318)' })),
  OTEL_TRACES_SAMPLER: z.optional(z.enum(SAMPLERS)),
  OTEL_TRACES_SAMPLER_ARG: z.optional(z.coerce.number().check(z.minimum(0), z.maximum(1))),
  OTEL_SERVICE_NAME: z.optional(z.string().check(z.minLength(1))),
  OTEL_RESOURCE_ATTRIBUTES: z.optional(z.string()),
  OTEL_EXPORTER_OTLP_HEADERS: z.optional(z.string()),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: z.optional(z.string()),
  OTEL_EXPORTER_OTLP_TIMEOUT: z.optional(z.coerce.number().check(z.int(), z.minimum(1))),
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: z.optional(z.coerce.number().check(z.int(), z.minimum(1))),
};

export type TracingVariables = { [K in keyof typeof TRACING_VARIABLES]?: z.infer<(typeof TRACING_VARIABLES)[K]> };

/** What the variables ask for: `null` when traces are off (no endpoint, the SDK disabled, or the exporter `none`). */
export function tracingSettings(variables: TracingVariables, serviceName: string): TracingSettings | null {
  if (variables.OTEL_SDK_DISABLED === 'true' || variables.OTEL_TRACES_EXPORTER === 'none') return null;
  if (!variables.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT && !variables.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  const signalUrl = variables.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  return {
    // The signal's own endpoint is used as it is; the general one gets the signal's path (the OTLP exporter spec).
    url: signalUrl ?? new URL('v1/traces', withSlash(variables.OTEL_EXPORTER_OTLP_ENDPOINT!)).toString(),
    headers: { ...keyValues(variables.OTEL_EXPORTER_OTLP_HEADERS), ...keyValues(variables.OTEL_EXPORTER_OTLP_TRACES_HEADERS) },
    timeoutMillis: variables.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? variables.OTEL_EXPORTER_OTLP_TIMEOUT ?? 10_000,
    resourceAttributes: keyValues(variables.OTEL_RESOURCE_ATTRIBUTES),
    serviceName: variables.OTEL_SERVICE_NAME ?? serviceName,
    protocol: variables.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? variables.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
    sampler: variables.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on',
    ratio: variables.OTEL_TRACES_SAMPLER_ARG ?? 1,
  };
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/** `key1=value1,key2=value2` with percent-encoded values (W3C Baggage style), as OTEL_*_HEADERS and OTEL_RESOURCE_ATTRIBUTES are written. */
export function keyValues(list: string | undefined): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const item of (list ?? '').split(',')) {
    const at = item.indexOf('=');
    if (at <= 0) continue;
    const key = item.slice(0, at).trim();
    try {
      pairs[key] = decodeURIComponent(item.slice(at + 1).trim());
    } catch {
      pairs[key] = item.slice(at + 1).trim();
    }
  }
  return pairs;
}
