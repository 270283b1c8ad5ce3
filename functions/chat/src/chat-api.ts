import { JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod/mini';
import { Task } from '#shared/contracts/task';
import { TIME_ZONE_RULE } from '#shared/contracts/time';
import { problemAnswer } from '#shared/http/openapi/problem-schema';
import type { ApiContracts, RouteContract } from '#shared/http/openapi/route-contract';
import { one } from '#shared/http/query-parameters';
import { Action, ConversationSummary, Message } from './conversation/conversation-views';
import { LocalSignIn } from './http/auth-routes';
import { ChatRequest } from './http/chat-routes';

const ChatReply = z.object({ reply: z.string(), conversationId: z.uuid(), actions: z.array(Action), tasks: z.optional(z.array(Task)) });
z.globalRegistry.add(ChatReply, { id: 'ChatReply' });
/** One server-sent event of `GET /stream`: `ready` first, then `task` and `notification` with JSON data. */
const StreamEvent = z.object({
  event: z.enum(['ready', 'task', 'notification']),
  data: z.string().check(z.minLength(2)),
  id: z.optional(z.string()),
  retry: z.optional(z.number().check(z.int(), z.minimum(0))),
});
/** A reply leads to its conversation: read it, or say more in it. */
const CONVERSATION_LINKS = {
  read: { operationId: 'getConversation', parameters: { id: '$response.body#/conversationId' } },
  continue: { operationId: 'chat', requestBody: { conversationId: '$response.body#/conversationId' } },
};
const NO_CONVERSATION = problemAnswer("no such conversation for this user (another user's id answers the same)");

const page = (path: string, mediaType: string, summary: string): RouteContract => ({
  method: 'get',
  path,
  operationId: `page${path === '/' ? 'Html' : path.replace(/\W+/g, '_')}`,
  summary,
  caller: 'anyone',
  responses: { 200: { description: summary, content: { mediaType, schema: { type: 'string' } } } },
});

/** The chat function's routes, from the schemas they validate with. */
export const CHAT_API: ApiContracts = {
  tag: 'chat',
  description: 'The chat page, the chat API, local sign-in, the live stream and the MCP server.',
  routes: [
    page('/', 'text/html', 'The chat page'),
    page('/app.js', 'text/javascript', "The page's script"),
    page('/styles.css', 'text/css', "The page's styles"),
    { method: 'get', path: '/auth/config', operationId: 'authConfig', summary: 'Whether local sign-in is offered to this caller', caller: 'anyone', responses: { 200: { description: 'the sign-in options', content: z.object({ localSignIn: z.boolean() }) } } },
    {
      method: 'post',
      path: '/auth/local',
      operationId: 'signInLocally',
      summary: 'A token for any user name (development only, callers on this machine only)',
      caller: 'anyone',
      body: LocalSignIn,
      rateLimited: false,
      responses: {
        200: { description: 'a signed token', content: z.object({ token: z.string(), userId: z.string(), expiresIn: z.number().check(z.int()) }) },
        403: problemAnswer('the caller is not on this machine'),
        404: problemAnswer('local sign-in is off on this server'),
      },
    },
    {
      method: 'post',
      path: '/chat',
      operationId: 'chat',
      summary: 'Send a message; the reply says what was done',
      caller: 'user',
      body: ChatRequest,
      rules: { timeZone: TIME_ZONE_RULE },
      responses: {
        200: { description: 'the reply, the actions taken and the tasks involved', content: ChatReply, links: CONVERSATION_LINKS },
        404: NO_CONVERSATION,
      },
    },
    { method: 'get', path: '/conversations', operationId: 'listConversations', summary: 'The latest conversations', caller: 'user', responses: { 200: { description: 'the latest 20', content: z.object({ items: z.array(ConversationSummary) }), links: { latest: { operationId: 'getConversation', parameters: { id: '$response.body#/items/0/id' } } } } } },
    {
      method: 'get',
      path: '/conversations/:id',
      operationId: 'getConversation',
      summary: 'A conversation with its messages',
      caller: 'user',
      pathParameters: { id: z.uuid() },
      responses: { 200: { description: 'the conversation', content: z.extend(ConversationSummary, { messages: z.array(Message) }) }, 404: NO_CONVERSATION },
    },
    {
      method: 'post',
      path: '/stream/tickets',
      operationId: 'streamTicket',
      summary: 'A single-use ticket that opens one live stream within 30 s',
      caller: 'user',
      rateLimited: true,
      responses: { 201: { description: 'the ticket', content: z.object({ ticket: z.string(), expiresIn: z.number().check(z.int()) }) } },
    },
    {
      method: 'get',
      path: '/stream',
      operationId: 'liveStream',
      summary: "Server-sent events: the user's task changes and notifications",
      description: 'Open with `?ticket=` (what EventSource can send) or `Authorization: Bearer`. Events `ready`, `task`, `notification`; a heartbeat comment every 15 s; closed after 4 minutes (EventSource reconnects).',
      caller: 'anyone',
      query: z.object({ ticket: z.optional(one(z.string())) }),
      responses: {
        200: { description: 'the stream; its schema is that of one event (as OpenAPI 3.2 says with itemSchema)', content: { mediaType: 'text/event-stream', schema: StreamEvent } },
        401: problemAnswer('no ticket or token, or one that is unknown, spent, expired or invalid'),
        429: problemAnswer('too many streams are open for this user'),
        503: problemAnswer('this instance holds as many streams as it may; `Retry-After` says when to try again', { 'Retry-After': { description: 'seconds', schema: { type: 'integer' } } }),
      },
    },
    {
      method: 'post',
      path: '/mcp',
      operationId: 'mcp',
      summary: 'The task tools over MCP Streamable HTTP (stateless, JSON answers)',
      description: 'A JSON-RPC 2.0 message of the Model Context Protocol. The answer is always JSON: an Accept header must allow application/json (no header does).',
      caller: 'user',
      body: JSONRPCMessageSchema,
      responses: {
        200: { description: 'the JSON-RPC answer', content: { mediaType: 'application/json', schema: { type: 'object' } } },
        202: { description: 'a notification or a response: accepted, nothing to answer' },
        400: { description: 'not a JSON-RPC message', content: { mediaType: 'application/json', schema: { type: 'object' } } },
        406: { description: 'the Accept header does not allow application/json', content: { mediaType: 'application/json', schema: { type: 'object' } } },
        415: { description: 'not application/json', content: { mediaType: 'application/json', schema: { type: 'object' } } },
      },
    },
  ],
};
