import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChatKit, startChatKit } from '../../test/chat-test-kit';
import { type RecordedCompletion, startFakeOpenAi } from '../../test/fakes/fake-openai-server';

const lastUser = (request: RecordedCompletion) => request.body.messages.filter((m) => m.role === 'user').at(-1)!.content ?? '';
const sawToolResult = (request: RecordedCompletion) => request.body.messages.at(-1)!.role === 'tool';

// The fake follows the OpenAI chat-completions tool-calling format: the model answers with
// `tool_calls`, the client sends back one `role: "tool"` message per call, the model then answers in text.
let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
let kit: ChatKit;
beforeAll(async () => {
  fake = await startFakeOpenAi((request) => {
    const text = lastUser(request);
    if (text.includes('model is down')) return 503;
    if (text.includes('bread')) {
      return sawToolResult(request) ? { content: 'Added "Buy bread" for you.' } : { toolCalls: [{ name: 'add_task', arguments: { title: 'Buy bread', priority: 'low', tags: ['shopping'] } }] };
    }
    if (text.includes('bad tool')) {
      return sawToolResult(request) ? { content: 'That did not work.' } : { toolCalls: [{ name: 'add_task', arguments: { title: 'x', dueAt: 'someday' } }] };
    }
    return { content: 'I only talk about bread.' };
  });
  kit = await startChatKit({ env: { OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: 'test-key', OPENAI_MODEL: 'fake-model' } });
});
afterAll(async () => {
  await kit?.stop();
  await fake?.stop();
});

describe('the language-model mode', () => {
  it('sends the message with the task tools and runs the tool calls through the task client', async () => {
    const before = fake.requests.length;
    const answer = await kit.chat('alice', 'please get me some bread');
    expect(answer.reply).toBe('Added "Buy bread" for you.');
    expect(answer.actions).toEqual([{ kind: 'created', taskIds: [expect.any(String)] }]);
    const task = (await kit.call('alice', 'GET', `/tasks/${answer.actions[0]!.taskIds![0]}`)).body;
    expect(task).toMatchObject({ title: 'Buy bread', priority: 'low', tags: ['shopping'] });

    const [first, second] = fake.requests.slice(before);
    expect(first!.headers.authorization).toBe('Bearer test-key');
    expect(first!.body.model).toBe('fake-model');
    expect(first!.body.tools.map((tool) => tool.function.name)).toEqual(['add_task', 'list_tasks', 'update_task', 'complete_task', 'delete_task', 'schedule_reminder']);
    expect(first!.body.messages[0]!.role).toBe('system');
    const toolMessage = second!.body.messages.at(-1)!;
    expect(toolMessage).toMatchObject({ role: 'tool', tool_call_id: expect.stringMatching(/^call_/) });
    expect(JSON.parse(toolMessage.content!)).toMatchObject({ id: task.id, title: 'Buy bread' });
    expect(second!.body.messages.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [expect.objectContaining({ type: 'function' })] });
  });

  it('gives a failed tool call back to the model as an error', async () => {
    const before = fake.requests.length;
    const answer = await kit.chat('alice', 'a bad tool call');
    expect(answer.reply).toBe('That did not work.');
    expect(JSON.parse(fake.requests.slice(before)[1]!.body.messages.at(-1)!.content!).error).toMatch(/dueAt/);
  });

  it('falls back to the plain-language parser when the model endpoint fails', async () => {
    const answer = await kit.chat('alice', 'add the model is down task');
    expect(answer.actions[0]!.kind).toBe('created');
    expect(answer.tasks![0]!.title).toMatch(/model is down/i);
  });
});
