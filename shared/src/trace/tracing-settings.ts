/** How this process records and exports traces (from the standard OTEL_* variables). */
export interface TracingSettings {
  /** Where spans are posted: the traces endpoint itself (`…/v1/traces`). */
  url: string;
  headers: Record<string, string>;
  timeoutMillis: number;
  /** OTEL_RESOURCE_ATTRIBUTES; `service.name` is `serviceName`. */
  resourceAttributes: Record<string, string>;
  serviceName: string;
  protocol: 'http/protobuf' | 'http/json';
  sampler: 'always_on' | 'always_off' | 'traceidratio' | 'parentbased_always_on' | 'parentbased_always_off' | 'parentbased_traceidratio';
  /** The ratio of the traceidratio samplers. */
  ratio: number;
}
