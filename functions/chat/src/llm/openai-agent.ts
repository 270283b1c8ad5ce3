import * as z from 'zod/mini';
import type { Task } from '#shared/contracts/task';
import type { TurnDeps } from '../assistant/assistant-deps';
import type { Turn } from '../assistant/turn';
import type { ConversationState } from '../conversation/conversation-state';
import type { Action, Message } from '../conversation/conversation-store';
import { runTool, TOOL_DESCRIPTIONS, TOOL_INPUTS, toolErrorMessage, type ToolName } from '../tools/task-tools';

export interface LanguageModelOptions {
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Rounds of tool calls before giving up (default 5). */
  maxRounds?: number;
  timeoutMs?: number;
}

/** Raised when the model could not produce an answer; `actions` says what its tool calls already did. */
export class LanguageModelFailure extends Error {
  constructor(
    message: string,
    readonly actions: Action[],
    readonly tasks: Task[],
  ) {
    super(message);
    this.name = 'LanguageModelFailure';
  }
}

interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
}

const Completion = z.object({
  choices: z.array(
    z.object({
      message: z.object({
        content: z.optional(z.nullable(z.string())),
        tool_calls: z.optional(z.nullable(z.array(z.object({ id: z.string(), type: z.optional(z.string()), function: z.object({ name: z.string(), arguments: z.string() }) })))),
      }),
    }),
  ).check(z.minLength(1)),
});

/** The task operations in the chat-completions `tools` format (JSON Schema parameters). */
export const OPENAI_TOOLS = (Object.keys(TOOL_INPUTS) as ToolName[]).map((name) => {
  const { $schema: _schema, ...parameters } = z.toJSONSchema(TOOL_INPUTS[name]) as Record<string, unknown>;
  return { type: 'function' as const, function: { name, description: TOOL_DESCRIPTIONS[name], parameters } };
});

function systemPrompt(deps: TurnDeps): string {
  return [
    "You are a todo assistant. Act on the user's tasks only through the tools.",
    `Now is ${deps.now.toISOString()}; the user's time zone is ${deps.timeZone}. Send dates as RFC 3339 with an offset.`,
    'To change, complete or delete a task by name, call list_tasks with q first to find its id; if two tasks match, ask which one.',
    'Answer in one or two short sentences of plain text (no Markdown, no HTML).',
  ].join('\n');
}

/**
 * The optional language-model mode: an OpenAI-compatible `POST {baseUrl}/chat/completions` with the
 * task operations as tools; each tool call runs through the same clients as the parser's operations.
 */
export function openAiAgent(options: LanguageModelOptions) {
  const url = `${options.baseUrl.replace(/\/$/, '')}/chat/completions`;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) };

  async function complete(messages: ChatMessage[]) {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: options.model, messages, tools: OPENAI_TOOLS, tool_choice: 'auto' }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
    if (!response.ok) throw new Error(`the model endpoint answered ${response.status}`);
    return Completion.parse(await response.json()).choices[0]!.message;
  }

  return async function converse(message: string, history: readonly Message[], state: ConversationState, deps: TurnDeps): Promise<Turn> {
    const messages: ChatMessage[] = [
      { role: 'system', content: systemPrompt(deps) },
      ...history.slice(-10).map((entry) => ({ role: entry.role, content: entry.text })),
      { role: 'user', content: message },
    ];
    const actions: Action[] = [];
    const tasks = new Map<string, Task>();
    const next: ConversationState = { ...state };
    try {
      for (let round = 0; round < (options.maxRounds ?? 5); round++) {
        const answer = await complete(messages);
        const calls = answer.tool_calls ?? [];
        if (calls.length === 0) {
          const reply = answer.content?.trim();
          if (!reply) throw new Error('the model gave an empty answer');
          return { reply, actions, tasks: [...tasks.values()], state: next };
        }
        messages.push({ role: 'assistant', content: answer.content ?? null, tool_calls: calls.map((call) => ({ id: call.id, type: 'function', function: call.function })) });
        for (const call of calls) {
          let content: string;
          try {
            const result = await runTool(call.function.name, JSON.parse(call.function.arguments || '{}'), deps.clients, deps.call);
            actions.push(...result.actions);
            for (const task of result.tasks) tasks.set(task.id, task);
            if (call.function.name === 'list_tasks') next.lastList = result.tasks.map((task) => ({ id: task.id, title: task.title }));
            else if (result.tasks.length === 1) next.lastTask = { id: result.tasks[0]!.id, title: result.tasks[0]!.title };
            content = JSON.stringify(result.value);
          } catch (error) {
            content = JSON.stringify({ error: error instanceof SyntaxError ? 'arguments are not valid JSON' : toolErrorMessage(error) });
          }
          messages.push({ role: 'tool', tool_call_id: call.id, content });
        }
      }
      throw new Error('the model did not finish within the allowed tool rounds');
    } catch (error) {
      throw new LanguageModelFailure((error as Error).message, actions, [...tasks.values()]);
    }
  };
}
export type LanguageModel = ReturnType<typeof openAiAgent>;
