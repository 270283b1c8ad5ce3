import { createAuthenticator } from '../http/auth';
import { tokenCache } from '../http/token-cache';

/** The HS256 secret every function test kit signs and verifies with. */
export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256';

/** The authenticator a function under test uses, and the tokens its callers present. */
export function testAuth(secret = TEST_SECRET) {
  return {
    authenticate: createAuthenticator({ issuer: 'todo-local', audience: 'todo', secret }),
    tokenFor: tokenCache(secret),
  };
}
