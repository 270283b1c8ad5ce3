/** The extensions Knative's Kafka dispatcher adds to an event before it hands it to the dead-letter sink. */
export const KNATIVE_ERROR_EXTENSIONS = ['knativeerrordest', 'knativeerrorcode', 'knativeerrordata'] as const;

/** What Knative truncates `knativeerrordata` to (eventing-kafka-broker `KN_ERROR_DATA_MAX_BYTES`). */
const ERROR_DATA_MAX_BYTES = 1024;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Why Knative gave up on an event, from the extensions eventing-kafka-broker's `RecordDispatcherImpl`
 * (`errorTransform`) adds: `knativeerrordest` (the subscriber's URL) always; when the subscriber
 * answered, also `knativeerrorcode` (the HTTP status) and `knativeerrordata` (the response body,
 * base64, cut at 1024 bytes). Our functions answer a drop with problem+json, whose `detail` is the reason.
 */
export function knativeFailureReason(attributes: Record<string, unknown>): string {
  const destination = text(attributes.knativeerrordest);
  const code = text(attributes.knativeerrorcode);
  if (!destination && !code) return 'not recorded: the event carries no knativeerror* extensions';
  const from = destination ?? 'the subscriber';
  if (!code) return `no answer from ${from} (timeout or connection failure) through the retries`;
  const data = text(attributes.knativeerrordata);
  const body = data === undefined ? '' : responseBody(data);
  return body ? `HTTP ${code} from ${from}: ${body}` : `HTTP ${code} from ${from}`;
}

function responseBody(data: string): string {
  const decoded = decodeBase64Text(data);
  const body = decoded ?? data;
  const detail = problemDetail(body);
  if (detail !== undefined) return detail;
  const truncated = decoded !== undefined && Buffer.byteLength(decoded) >= ERROR_DATA_MAX_BYTES;
  return truncated ? `${body}… (cut by Knative at ${ERROR_DATA_MAX_BYTES} bytes)` : body;
}

/** The text `data` encodes, when it is base64 of UTF-8 (Knative's); undefined for anything else, kept as sent. */
function decodeBase64Text(data: string): string | undefined {
  if (data === '' || !BASE64.test(data)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(data, 'base64'));
  } catch {
    return undefined;
  }
}

function problemDetail(body: string): string | undefined {
  try {
    const problem = JSON.parse(body) as { detail?: unknown } | null;
    return typeof problem?.detail === 'string' ? problem.detail : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
