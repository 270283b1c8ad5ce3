/** A task a user of the mix owns (created by `POST /tasks`), as the load generator knows it. */
export interface OwnedTask {
  id: string;
  pending: boolean;
  /** A request is working on it: no second one is sent until that answers. */
  busy: boolean;
}

export interface MixUser {
  id: string;
  token: string;
  tasks: OwnedTask[];
  /** Titles the user added by chat and has not completed or deleted by chat. */
  chatTitles: string[];
  conversationId?: string;
}

export type TaskChange = 'complete' | 'edit' | 'delete';

export const mixUserId = (index: number) => `mix-user-${String(index).padStart(5, '0')}`;

/**
 * The users of the mix and what each owns. A completion, an edit or a deletion is drawn for a user but
 * needs a task of theirs that fits (a pending one to complete) and that no other request is working on;
 * when the user has none, the next user who has one takes it, as another person would have sent it.
 */
export function mixUsers(tokens: readonly string[]) {
  const users: MixUser[] = tokens.map((token, index) => ({ id: mixUserId(index), token, tasks: [], chatTitles: [] }));
  const fits = (change: TaskChange, task: OwnedTask) => !task.busy && (change !== 'complete' || task.pending);
  return {
    users,
    at: (index: number) => users[index]!,
    /** Marks a task of `from` (or of the next user with one) busy for `change`; a deletion takes it off the user's list at once. */
    claim(from: number, change: TaskChange, random: () => number): { user: MixUser; task: OwnedTask } | undefined {
      for (let step = 0; step < users.length; step++) {
        const user = users[(from + step) % users.length]!;
        const candidates = user.tasks.filter((task) => fits(change, task));
        if (candidates.length === 0) continue;
        const task = candidates[Math.floor(random() * candidates.length)]!;
        task.busy = true;
        if (change === 'delete') user.tasks.splice(user.tasks.indexOf(task), 1);
        return { user, task };
      }
      return undefined;
    },
    taskCount: () => users.reduce((sum, user) => sum + user.tasks.length, 0),
  };
}

export type MixUsers = ReturnType<typeof mixUsers>;
