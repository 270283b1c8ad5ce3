import { describe, expect, it } from 'vitest';
import { withVerbFixed } from './verb-typos';

describe('withVerbFixed', () => {
  it.each([
    ['shwo my tasks', 'show my tasks'],
    ['compelte 1', 'complete 1'],
    ['delte 2', 'delete 2'],
    ['ad buy bread', 'add buy bread'],
    ['addd milk', 'add milk'],
    ['lsit urgent tasks', 'list urgent tasks'],
    ['Renmae 2 to oat milk', 'rename 2 to oat milk'],
  ])('corrects a slipped command verb: %j → %j', (typed, fixed) => {
    expect(withVerbFixed(typed)).toBe(fixed);
  });

  it.each(['show my tasks', 'lost keys', 'fine', 'dome', 'buy milk', '2', 'milk'])('leaves %j alone (a verb already, or a different word)', (text) => {
    expect(withVerbFixed(text)).toBeUndefined();
  });
});
