import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '#shared/http/auth';
import { createHttpApp } from '#shared/http/create-http-app';
import { createMetrics } from '#shared/metrics/metrics';
import { authRoutes, type AuthRouteOptions } from './auth-routes';

const SECRET = 'a-local-secret-that-is-long-enough-for-hs256';
const base = { issuer: 'todo-local', audience: 'todo' };

function appWith(options: Omit<AuthRouteOptions, 'issuer' | 'audience'>) {
  const app = createHttpApp({ log: pino({ level: 'silent' }), metrics: createMetrics('auth-test'), maxBodyBytes: 1024 });
  app.route('/', authRoutes({ ...base, ...options }));
  const signIn = (body: unknown) => app.request('/auth/local', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { app, signIn };
}

describe('POST /auth/local', () => {
  it('signs a token for the user that the server accepts', async () => {
    const { signIn } = appWith({ secret: SECRET, production: false });
    const response = await signIn({ userId: 'alice' });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    expect(await createAuthenticator({ ...base, secret: SECRET })(token)).toEqual({ id: 'alice' });
  });

  it('does not exist in production or without the HS256 secret', async () => {
    for (const options of [{ secret: SECRET, production: true }, { production: false }]) {
      const { app, signIn } = appWith(options);
      expect((await signIn({ userId: 'alice' })).status).toBe(404);
      expect(await (await app.request('/auth/config')).json()).toEqual({ localSignIn: false });
    }
  });

  it('refuses a user name with characters a token subject may not have', async () => {
    const { signIn } = appWith({ secret: SECRET, production: false });
    expect((await signIn({ userId: '<b>x</b>' })).status).toBe(422);
    expect((await signIn({ userId: 'x'.repeat(129) })).status).toBe(422);
  });
});
