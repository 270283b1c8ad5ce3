import { HttpMethod } from '@dapr/dapr';
import { type AppId, daprTransport } from '../../functions/chat/src/clients/service-transport';
import { type Finding, outcome, type ProbeContext, wire } from './probe-kit';

const CONTEXT = { token: 'bench-user-token', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', selfUrl: 'http://127.0.0.1' };
// The bench's sidecar is app-id chat beside the echo app (echo-app.ts): it invokes itself, since a
// self-hosted daprd without name resolution reaches no other app. The transport only puts the id in the URL.
const SELF = 'chat' as AppId;

/** Service invocation of the echo app through `invoker.invoke` and through chat's daprTransport. */
export async function probeInvocation(context: ProbeContext): Promise<Finding[]> {
  const transport = daprTransport(context.sidecar);
  const findings: Finding[] = [];
  for (const status of [201, 204, 404, 503]) {
    const path = `/status/${status}`;
    const headers = { authorization: `Bearer ${CONTEXT.token}`, traceparent: CONTEXT.traceparent, 'content-type': 'application/json' };
    findings.push({
      block: 'invocation',
      case: `POST ${path} with a JSON body, Authorization and traceparent (the app answers ${status})`,
      daprd: await wire(context.sidecar, `/v1.0/invoke/chat/method${path}`, { method: 'POST', headers, body: '{"x":1}' }, ['content-type', 'x-bench']),
      sdk: await outcome(() => context.sdk.invoker.invoke('chat', path.slice(1), HttpMethod.POST, { x: 1 }, { headers: { authorization: headers.authorization, traceparent: headers.traceparent } })),
      direct: await outcome(async () => {
        const response = await transport.send(SELF, { method: 'POST', path, body: { x: 1 } }, CONTEXT);
        return { status: response.status, contentType: response.headers.get('content-type'), xBench: response.headers.get('x-bench'), body: await response.text() };
      }),
    });
  }
  findings.push({
    block: 'invocation',
    case: 'a per-call timeout',
    daprd: '-',
    sdk: 'none: invoke() takes no timeout or AbortSignal (from the SDK source); only a Resiliency policy in the sidecar bounds it',
    direct: '5 s per call (AbortSignal.timeout), beside the Resiliency policy',
  });
  return findings;
}
