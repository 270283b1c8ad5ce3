import { Hono } from 'hono';
import * as z from 'zod/mini';
import { callerAddress, isLoopbackAddress } from '#shared/http/caller-address';
import { issueToken } from '#shared/http/issue-token';
import { Problem } from '#shared/http/problem';
import { readJson } from '#shared/http/read-json';

export const LocalSignIn = z.strictObject({
  userId: z.string().check(z.regex(/^[A-Za-z0-9._@|:-]{1,128}$/, 'letters, digits and . _ @ | : - (at most 128)')),
});

export interface AuthRouteOptions {
  /** The HS256 secret when this server signs its own tokens (the local system); absent with OIDC. */
  secret?: string;
  production: boolean;
  issuer: string;
  audience: string;
  ttlSeconds?: number;
}

/**
 * `POST /auth/local` `{ "userId": "alice" }` → `{ token }`: a development convenience that signs a
 * token for any user name, offered only when this server holds the HS256 secret and NODE_ENV is not
 * production, and only to a caller on this machine (the TCP peer is a loopback address): on a server
 * that listens on a network, nobody else can mint a token for someone. `GET /auth/config` tells the
 * page whether it is offered to this caller.
 */
export function authRoutes(options: AuthRouteOptions): Hono {
  const app = new Hono();
  const enabled = !!options.secret && !options.production;
  app.get('/auth/config', (c) => c.json({ localSignIn: enabled && isLoopbackAddress(callerAddress(c)) }));
  app.post('/auth/local', async (c) => {
    if (!enabled) throw new Problem(404, 'Not Found', 'local sign-in is off on this server; sign in with your identity provider');
    if (!isLoopbackAddress(callerAddress(c))) throw new Problem(403, 'Forbidden', 'local sign-in answers only callers on this machine');
    const { userId } = await readJson(c, LocalSignIn);
    const ttlSeconds = options.ttlSeconds ?? 12 * 3600;
    const token = await issueToken({ userId, secret: options.secret!, issuer: options.issuer, audience: options.audience, ttlSeconds });
    return c.json({ token, userId, expiresIn: ttlSeconds });
  });
  return app;
}
