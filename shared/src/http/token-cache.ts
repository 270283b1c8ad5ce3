import { issueToken } from './issue-token';

/** Bearer tokens of the local issuer (`todo-local`, audience `todo`), signed once per user and kept. */
export function tokenCache(secret: string): (userId: string) => Promise<string> {
  const tokens = new Map<string, Promise<string>>();
  return (userId) => {
    let signed = tokens.get(userId);
    if (!signed) tokens.set(userId, (signed = issueToken({ userId, secret, issuer: 'todo-local', audience: 'todo' })));
    return signed;
  };
}
