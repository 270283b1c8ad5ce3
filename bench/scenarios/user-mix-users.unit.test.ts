import { describe, expect, it } from 'vitest';
import { seededRandom } from '../task-generator';
import { mixUsers } from './user-mix-users';

describe('mixUsers', () => {
  const random = seededRandom(1);

  it('claims a task of the drawn user that fits, marked busy until released', () => {
    const users = mixUsers(['t0', 't1']);
    users.at(0).tasks.push({ id: 'a', pending: true, busy: false });
    const claimed = users.claim(0, 'complete', random);
    expect(claimed?.user.id).toBe('mix-user-00000');
    expect(claimed?.task).toMatchObject({ id: 'a', busy: true });
    expect(users.claim(0, 'edit', random)).toBeUndefined();
  });

  it('walks on to the next user with a fitting task: a done one is not completed again', () => {
    const users = mixUsers(['t0', 't1', 't2']);
    users.at(0).tasks.push({ id: 'done', pending: false, busy: false });
    users.at(2).tasks.push({ id: 'open', pending: true, busy: false });
    expect(users.claim(0, 'complete', random)?.task.id).toBe('open');
    expect(users.claim(1, 'edit', random)?.task.id).toBe('done');
  });

  it('takes a task to delete off its user at once', () => {
    const users = mixUsers(['t0']);
    users.at(0).tasks.push({ id: 'a', pending: true, busy: false });
    expect(users.claim(0, 'delete', random)?.task.id).toBe('a');
    expect(users.taskCount()).toBe(0);
  });
});
