import type { Arrival } from '../poisson-schedule';
import { chatMessage, editBody, listQuery, newTaskBody, timeZoneOf } from './user-mix-content';
import type { MixOperation } from './user-mix-rates';
import type { MixUsers } from './user-mix-users';

/** One request of the mix, ready to send, and what its answer changes in what the users own. */
export interface PlannedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  token: string;
  body?: unknown;
  /** The status of a success. */
  expected: number;
  /** Called with the answer (undefined when none came). */
  settle: (status: number | undefined, body: string) => void;
}

export const OPERATION_LABELS: Readonly<Record<MixOperation, string>> = {
  list: 'GET /tasks',
  create: 'POST /tasks',
  complete: 'POST /tasks/{id}/complete',
  edit: 'PUT /tasks/{id}',
  delete: 'DELETE /tasks/{id}',
  chat: 'POST /chat',
};

const nothing = () => {};

/** The request an arrival stands for, given what the users own now; undefined when no user has a task it could change. */
export function planRequest(arrival: Arrival<MixOperation>, users: MixUsers, random: () => number, now: Date): PlannedRequest | undefined {
  const user = users.at(arrival.user);
  switch (arrival.kind) {
    case 'list':
      return { method: 'GET', path: `/tasks${listQuery(random)}`, token: user.token, expected: 200, settle: nothing };
    case 'create':
      return {
        method: 'POST',
        path: '/tasks',
        token: user.token,
        body: newTaskBody(random, now),
        expected: 201,
        settle: (status, body) => {
          if (status === 201) user.tasks.push({ id: (JSON.parse(body) as { id: string }).id, pending: true, busy: false });
        },
      };
    case 'chat': {
      const said = chatMessage(random, user.chatTitles);
      if (said.adds) user.chatTitles.push(said.adds);
      if (said.finishes) user.chatTitles.splice(user.chatTitles.indexOf(said.finishes), 1);
      return {
        method: 'POST',
        path: '/chat',
        token: user.token,
        body: { message: said.message, timeZone: timeZoneOf(arrival.user), ...(user.conversationId ? { conversationId: user.conversationId } : {}) },
        expected: 200,
        settle: (status, body) => {
          if (status === 200) user.conversationId = (JSON.parse(body) as { conversationId?: string }).conversationId ?? user.conversationId;
        },
      };
    }
    default: {
      const change = arrival.kind;
      const claimed = users.claim(arrival.user, change, random);
      if (!claimed) return undefined;
      const { task } = claimed;
      const release = (status: number | undefined) => {
        task.busy = false;
        if (change === 'complete' && status === 200) task.pending = false;
      };
      const path = `/tasks/${task.id}`;
      if (change === 'complete') return { method: 'POST', path: `${path}/complete`, token: claimed.user.token, expected: 200, settle: release };
      if (change === 'edit') return { method: 'PUT', path, token: claimed.user.token, body: editBody(random, now), expected: 200, settle: release };
      return { method: 'DELETE', path, token: claimed.user.token, expected: 204, settle: release };
    }
  }
}
