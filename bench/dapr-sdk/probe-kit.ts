import { CommunicationProtocolEnum, DaprClient, LogLevel, type LoggerService } from '@dapr/dapr';
import { callSidecar, type DaprSidecar } from '../../shared/src/dapr/dapr-sidecar';

export type Block = 'secrets' | 'state' | 'publish' | 'jobs' | 'invocation' | 'start-up';

/** One behaviour, as daprd answered it on the wire and as each client passes it on. */
export interface Finding {
  block: Block;
  case: string;
  /** What daprd answered (status and body), from a plain request; `-` when not applicable. */
  daprd: string;
  /** What `DaprClient` (HTTP) returned or threw. */
  sdk: string;
  /** What the project's direct adapter returned or threw. */
  direct: string;
}

export interface ProbeContext {
  sidecar: DaprSidecar;
  token: string;
  httpPort: number;
  /** A DaprClient on the sidecar, and what it logged by itself (its default logger writes to the console). */
  sdk: DaprClient;
  sdkLog: string[];
}

/** A DaprClient over HTTP whose log lines (`level` and up; the SDK's default is Info) are kept instead of printed. */
export function sdkClient(httpPort: number, token: string | undefined, level = LogLevel.Error): { sdk: DaprClient; sdkLog: string[] } {
  const sdkLog: string[] = [];
  const keep = (message: unknown) => void sdkLog.push(String(message));
  const service: LoggerService = { error: keep, warn: keep, info: keep, verbose: keep, debug: keep };
  const sdk = new DaprClient({
    daprHost: '127.0.0.1',
    daprPort: String(httpPort),
    communicationProtocol: CommunicationProtocolEnum.HTTP,
    daprApiToken: token,
    logger: { level, service },
  });
  return { sdk, sdkLog };
}

const clip = (text: string, max = 400) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** JSON.stringify shows an Error as `{}`; the SDK returns `{error: Error}`, so show its message. */
const showErrors = (_key: string, value: unknown) => (value instanceof Error ? `Error(${value.message})` : value);

/** `returned <json>` or `threw <message>`: the outcome of a client call as a table cell. */
export async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    const value = await call();
    return `returned ${clip(value === undefined ? 'undefined' : JSON.stringify(value, showErrors))}`;
  } catch (error) {
    return `threw ${clip((error as Error).message)}`;
  }
}

/** A plain request to the sidecar: `<status> <body>` plus the named response headers. */
export async function wire(sidecar: DaprSidecar, path: string, init: RequestInit = {}, headers: string[] = []): Promise<string> {
  const response = await callSidecar(sidecar, path, { ...init, timeoutMs: 10_000 });
  const shown = headers.map((name) => `${name}: ${response.headers.get(name) ?? '(none)'}`).join(', ');
  const body = await response.text();
  return clip(`${response.status}${shown ? ` [${shown}]` : ''} ${body || '(empty)'}`);
}

/** The SDK's log lines since `from`, as a suffix for a cell. */
export function loggedSince(log: string[], from: number): string {
  const lines = log.slice(from);
  return lines.length === 0 ? '' : `; and logged by itself: ${clip(lines.join(' | '), 200)}`;
}
