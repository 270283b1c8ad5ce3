import { createServer, type Server } from 'node:http';

export interface RecordedCompletion {
  headers: Record<string, string | string[] | undefined>;
  body: { model: string; messages: { role: string; content: string | null; tool_calls?: unknown[]; tool_call_id?: string }[]; tools: { type: string; function: { name: string } }[] };
}

/**
 * A tiny OpenAI-compatible server for tests: `POST /v1/chat/completions` answers with whatever
 * `respond` returns for the recorded request, in the chat-completions format (choices[0].message
 * with `content` or `tool_calls`); a number answers with that HTTP status instead.
 */
export async function startFakeOpenAi(respond: (request: RecordedCompletion) => { content?: string; toolCalls?: { name: string; arguments: unknown }[] } | number) {
  const requests: RecordedCompletion[] = [];
  let calls = 0;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const request: RecordedCompletion = { headers: req.headers, body: JSON.parse(text) };
      requests.push(request);
      const answer = respond(request);
      if (typeof answer === 'number') {
        res.writeHead(answer, { 'content-type': 'application/json' }).end('{"error":{"message":"scripted failure"}}');
        return;
      }
      const toolCalls = answer.toolCalls?.map((call) => ({ id: `call_${++calls}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }));
      const message = { role: 'assistant', content: answer.content ?? null, ...(toolCalls ? { tool_calls: toolCalls } : {}) };
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion', created: 0, model: request.body.model, choices: [{ index: 0, message, finish_reason: toolCalls ? 'tool_calls' : 'stop' }] }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
