import { describe, expect, it } from 'vitest';
import { seededRandom } from '../task-generator';
import { chatMessage, listQuery, newTaskBody } from './user-mix-content';

describe('what the users of the mix write', () => {
  it('new tasks: a title always, due times only ahead and on the hour', () => {
    const random = seededRandom(3);
    const now = new Date('2026-03-01T10:30:00Z');
    const bodies = Array.from({ length: 200 }, () => newTaskBody(random, now));
    expect(bodies.every((body) => body.title.length > 0)).toBe(true);
    const dues = bodies.flatMap((body) => (body.dueAt ? [new Date(body.dueAt)] : []));
    expect(dues.length).toBeGreaterThan(50);
    expect(dues.every((due) => due > now && due.getUTCMinutes() === 0)).toBe(true);
  });

  it('list queries: mostly the default list', () => {
    const random = seededRandom(4);
    const queries = Array.from({ length: 1_000 }, () => listQuery(random));
    expect(queries.filter((query) => query === '').length).toBeGreaterThan(600);
    expect(queries.some((query) => query.startsWith('?q='))).toBe(true);
  });

  it('chat: completes or deletes only titles the user added by chat', () => {
    const random = seededRandom(5);
    const messages = Array.from({ length: 500 }, () => chatMessage(random, ['call mom']));
    expect(messages.every((said) => said.finishes === undefined || said.finishes === 'call mom')).toBe(true);
    expect(messages.some((said) => said.finishes)).toBe(true);
    expect(Array.from({ length: 200 }, () => chatMessage(random, [])).some((said) => said.finishes)).toBe(false);
  });
});
