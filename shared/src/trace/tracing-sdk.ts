import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, type Sampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import type { TracingSettings } from './tracing-settings';

function samplerOf(settings: TracingSettings): Sampler {
  const root = { always_on: new AlwaysOnSampler(), always_off: new AlwaysOffSampler(), traceidratio: new TraceIdRatioBasedSampler(settings.ratio) };
  switch (settings.sampler) {
    case 'always_on':
    case 'always_off':
    case 'traceidratio':
      return root[settings.sampler];
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: root.always_off });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: root.traceidratio });
    default:
      return new ParentBasedSampler({ root: root.always_on });
  }
}

/**
 * The OpenTelemetry SDK, loaded only when traces are exported (the bundle imports this module
 * lazily): a tracer provider with the service's resource (OTEL_RESOURCE_ATTRIBUTES merged in), the
 * sampler asked for, batched OTLP/HTTP export, async-local context and W3C trace context.
 */
export function startTracingSdk(settings: TracingSettings): { shutdown(): Promise<void> } {
  const resource = resourceFromAttributes({ 'service.namespace': 'todo', ...settings.resourceAttributes, 'service.name': settings.serviceName });
  const target = { url: settings.url, headers: settings.headers, timeoutMillis: settings.timeoutMillis };
  const exporter = settings.protocol === 'http/json' ? new JsonExporter(target) : new ProtobufExporter(target);
  const provider = new TracerProvider({ resource, sampler: samplerOf(settings), spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: 1_000 })] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
