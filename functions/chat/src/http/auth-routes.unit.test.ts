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
  // app.request has no socket: pass the one a Node server would (the caller's TCP address).
  const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
  const signIn = (body: unknown, remoteAddress = '127.0.0.1') =>
    app.request('/auth/local', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, from(remoteAddress));
  const config = async (remoteAddress = '127.0.0.1') => (await app.request('/auth/config', {}, from(remoteAddress))).json();
  return { app, signIn, config };
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
      const { signIn, config } = appWith(options);
      expect((await signIn({ userId: 'alice' })).status).toBe(404);
      expect(await config()).toEqual({ localSignIn: false });
    }
  });

  it.each(['192.168.1.20', '10.0.0.7', '::ffff:192.168.1.20', '2001:db8::1', 'fe80::1'])('refuses a caller at %s: only this machine may mint tokens', async (address) => {
    const { signIn, config } = appWith({ secret: SECRET, production: false });
    const response = await signIn({ userId: 'alice' }, address);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('token"');
    expect(await config(address)).toEqual({ localSignIn: false });
  });

  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('signs in a caller at %s', async (address) => {
    const { signIn, config } = appWith({ secret: SECRET, production: false });
    expect((await signIn({ userId: 'alice' }, address)).status).toBe(200);
    expect(await config(address)).toEqual({ localSignIn: true });
  });

  it('refuses a request without a socket at all', async () => {
    const { app } = appWith({ secret: SECRET, production: false });
    const response = await app.request('/auth/local', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":"alice"}' });
    expect(response.status).toBe(403);
  });

  it('refuses a user name with characters a token subject may not have', async () => {
    const { signIn } = appWith({ secret: SECRET, production: false });
    expect((await signIn({ userId: '<b>x</b>' })).status).toBe(422);
    expect((await signIn({ userId: 'x'.repeat(129) })).status).toBe(422);
  });
});
