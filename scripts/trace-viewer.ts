// npm run traces: a trace viewer for this machine. An OTLP/HTTP receiver on 127.0.0.1:4318 (OTLP/JSON)
// that prints each trace as a tree once it has been quiet for two seconds: service, span, duration,
// and the traces a span follows from (links). Point the functions at it:
//   OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 OTEL_EXPORTER_OTLP_PROTOCOL=http/json npm start
import { createServer } from 'node:http';
import { type ReceivedSpan, spansOf } from '../shared/src/testing/otlp-receiver';

const PORT = Number(process.env.TRACES_PORT ?? 4318);
const QUIET_MS = 2_000;
const traces = new Map<string, { spans: ReceivedSpan[]; timer: NodeJS.Timeout }>();
const KINDS = ['', 'internal', 'server', 'client', 'producer', 'consumer'];

function print(traceId: string): void {
  const { spans } = traces.get(traceId)!;
  traces.delete(traceId);
  const ids = new Set(spans.map((span) => span.spanId));
  const childrenOf = (spanId: string) => spans.filter((span) => span.parentSpanId === spanId).sort((a, b) => a.startMs - b.startMs);
  const lines = [`trace ${traceId}`];
  const walk = (span: ReceivedSpan, depth: number) => {
    const links = span.links.map((link) => ` ↪ follows ${link.traceId.slice(0, 8)}…/${link.spanId.slice(0, 8)}…`).join('');
    lines.push(`${'  '.repeat(depth + 1)}${span.service} · ${span.name} (${KINDS[span.kind] ?? span.kind}, ${span.durationMs.toFixed(1)} ms) ${span.spanId.slice(0, 8)}…${links}`);
    for (const child of childrenOf(span.spanId)) walk(child, depth + 1);
  };
  // Roots: spans whose parent is in another trace part (another process not reporting yet) or none.
  for (const root of spans.filter((span) => !ids.has(span.parentSpanId)).sort((a, b) => a.startMs - b.startMs)) {
    if (root.parentSpanId) lines.push(`  (parent ${root.parentSpanId.slice(0, 8)}… not received)`);
    walk(root, root.parentSpanId ? 1 : 0);
  }
  console.log(`${lines.join('\n')}\n`);
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    if (request.method !== 'POST' || request.url !== '/v1/traces') return void response.writeHead(404).end();
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      console.error('a non-JSON export was refused: set OTEL_EXPORTER_OTLP_PROTOCOL=http/json for this viewer');
      return void response.writeHead(415, { 'content-type': 'text/plain' }).end('this viewer reads OTLP/JSON: OTEL_EXPORTER_OTLP_PROTOCOL=http/json');
    }
    for (const span of spansOf(JSON.parse(Buffer.concat(chunks).toString('utf8')))) {
      const trace = traces.get(span.traceId) ?? { spans: [], timer: setTimeout(() => {}, 0) };
      clearTimeout(trace.timer);
      trace.spans.push(span);
      trace.timer = setTimeout(() => print(span.traceId), QUIET_MS);
      traces.set(span.traceId, trace);
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
server.listen(PORT, '127.0.0.1', () => console.log(`traces: OTLP/HTTP (JSON) on http://127.0.0.1:${PORT}/v1/traces; each trace is printed 2 s after its last span`));
