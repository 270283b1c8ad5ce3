import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config';
import { keyValues, TRACING_VARIABLES, tracingSettings } from './tracing-variables';

const parse = (env: Record<string, string>) => loadConfig(z.object(TRACING_VARIABLES), env);

describe('the OpenTelemetry variables', () => {
  it('leave traces off without an endpoint, with the SDK disabled, or with the exporter none', () => {
    expect(tracingSettings(parse({}), 'task')).toBeNull();
    expect(tracingSettings(parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }), 'task')).toBeNull();
    expect(tracingSettings(parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }), 'task')).toBeNull();
  });

  it('post to <endpoint>/v1/traces, or to the traces endpoint as given, with the spec defaults', () => {
    expect(tracingSettings(parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }), 'task')).toEqual({
      url: 'http://collector:4318/v1/traces',
      headers: {},
      timeoutMillis: 10_000,
      resourceAttributes: {},
      serviceName: 'task',
      protocol: 'http/protobuf',
      sampler: 'parentbased_always_on',
      ratio: 1,
    });
    expect(tracingSettings(parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://b/otlp/traces' }), 'task')?.url).toBe('https://b/otlp/traces');
    expect(tracingSettings(parse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://gateway.example/otlp' }), 'task')?.url).toBe('https://gateway.example/otlp/v1/traces');
  });

  it('read the signal-specific variables over the general ones, and the resource attributes', () => {
    const settings = tracingSettings(
      parse({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc,x-team=todo',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-team=traces',
        OTEL_EXPORTER_OTLP_TIMEOUT: '5000',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
        OTEL_SERVICE_NAME: 'task-eu',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging,k8s.namespace.name=todo',
      }),
      'task',
    );
    expect(settings).toMatchObject({
      protocol: 'http/json',
      headers: { authorization: 'Bearer abc', 'x-team': 'traces' },
      timeoutMillis: 5_000,
      sampler: 'parentbased_traceidratio',
      ratio: 0.25,
      serviceName: 'task-eu',
      resourceAttributes: { 'deployment.environment.name': 'staging', 'k8s.namespace.name': 'todo' },
    });
  });

  it('refuse gRPC and an out-of-range ratio with a clear message', () => {
    expect(() => parse({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(ConfigError);
    expect(() => parse({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/gRPC is not bundled: use the OTLP\/HTTP port, 4318/);
    expect(() => parse({ OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(/OTEL_TRACES_SAMPLER_ARG is invalid/);
  });

  it('parse key=value lists, skipping what is not a pair and keeping a bad escape as written', () => {
    expect(keyValues('a=1, b = two ,junk,=x,c=%E0%A4%A,d=%20')).toEqual({ a: '1', b: 'two', c: '%E0%A4%A', d: ' ' });
    expect(keyValues(undefined)).toEqual({});
  });
});
