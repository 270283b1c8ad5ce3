import type { SignedInEnv } from '#shared/http/auth';
import { McpServer, type ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AnySchema } from '@modelcontextprotocol/sdk/server/zod-compat.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';
import { type Authenticator, requireUser } from '#shared/http/auth';
import type { Clients } from '../clients/clients';
import type { CallContext } from '../clients/service-transport';
import { acceptsJson } from './accepts-json';
import { runTool, TOOL_DESCRIPTIONS, TOOL_INPUTS, toolErrorMessage, type ToolName } from '../tools/task-tools';

type Env = SignedInEnv;

/** An MCP server whose tools act as the calling user; built per request (stateless Streamable HTTP). */
function mcpServerFor(clients: Clients, call: CallContext): McpServer {
  const server = new McpServer({ name: 'todo-chat', version: '1.0.0' });
  for (const name of Object.keys(TOOL_INPUTS) as ToolName[]) {
    const handler = async (args: unknown): Promise<CallToolResult> => {
      try {
        const result = await runTool(name, args, clients, call);
        const value = result.value as Record<string, unknown>;
        return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
      } catch (error) {
        return { content: [{ type: 'text', text: toolErrorMessage(error) }], isError: true };
      }
    };
    server.registerTool(name, { description: TOOL_DESCRIPTIONS[name], inputSchema: TOOL_INPUTS[name] as AnySchema }, handler as ToolCallback<AnySchema>);
  }
  return server;
}

/**
 * The SDK refuses (406) a request whose Accept does not name both JSON and event streams, though
 * this server only ever answers JSON: a request that accepts JSON (no Accept, `*\/*`,
 * `application/*`, `application/json`) is handed on as accepting both; one that does not keeps its 406.
 */
function withJsonAccepted(request: Request): Request {
  if (!acceptsJson(request.headers.get('accept'))) return request;
  const headers = new Headers(request.headers);
  headers.set('accept', 'application/json, text/event-stream');
  return new Request(request, { headers });
}

/**
 * `/mcp`: the task operations as MCP tools over Streamable HTTP (stateless: no sessions, JSON
 * answers), with the same bearer-token authorization as the rest of the API.
 */
export function mcpRoutes(options: { authenticate: Authenticator; clients: Clients; callContext: (c: { req: { header(name: string): string | undefined }; var: Env['Variables']; env: unknown }) => CallContext }): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/mcp', requireUser(options.authenticate));
  // Stateless: no stream to open with GET and no session to end with DELETE, so only POST is served (405 otherwise).
  app.post('/mcp', async (c) => {
    const server = mcpServerFor(options.clients, options.callContext(c));
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(withJsonAccepted(c.req.raw));
    } finally {
      await server.close();
    }
  });
  return app;
}
