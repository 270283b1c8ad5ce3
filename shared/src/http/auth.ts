import type { MiddlewareHandler } from 'hono';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey, type JSONWebKeySet } from 'jose';
import { Problem } from './problem';

export interface User {
  id: string;
}

export type Authenticator = (token: string) => Promise<User>;

export interface AuthOptions {
  issuer: string;
  audience: string;
  /** HS256 shared secret (local system). */
  secret?: string;
  /** JWKS of an OIDC provider (production). */
  jwksUrl?: string;
  jwks?: JSONWebKeySet;
}

const USER_ID = /^[A-Za-z0-9._@|:-]{1,128}$/;

/** Verifies bearer JWTs (signature, expiry, issuer, audience) and reads the user from `sub`. */
export function createAuthenticator(options: AuthOptions): Authenticator {
  let key: Uint8Array | JWTVerifyGetKey;
  if (options.jwksUrl) key = createRemoteJWKSet(new URL(options.jwksUrl));
  else if (options.jwks) key = createLocalJWKSet(options.jwks);
  else if (options.secret) key = new TextEncoder().encode(options.secret);
  else throw new Error('authentication needs AUTH_JWT_SECRET or AUTH_JWKS_URL');
  return async (token) => {
    const { payload } = await jwtVerify(token, key as Uint8Array, { issuer: options.issuer, audience: options.audience, clockTolerance: 5 });
    if (typeof payload.sub !== 'string' || !USER_ID.test(payload.sub)) throw new Error('token has no usable subject');
    return { id: payload.sub };
  };
}

/** Requires `Authorization: Bearer <JWT>` and sets `c.var.user`; 401 otherwise. */
export function requireUser(authenticate: Authenticator): MiddlewareHandler<{ Variables: { user: User } }> {
  return async function requireUserMiddleware(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header);
    if (!match) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new Problem(401, 'Unauthorized', 'send Authorization: Bearer <token>');
    }
    try {
      c.set('user', await authenticate(match[1]!));
    } catch {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new Problem(401, 'Unauthorized', 'the token is invalid or expired');
    }
    await next();
  };
}
