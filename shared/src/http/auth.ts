import type { MiddlewareHandler } from 'hono';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey, type JSONWebKeySet } from 'jose';
import { verifiedTokens } from './verified-tokens';
import { Problem } from './problem';
import type { RequestVariables } from './request-context';

export interface User {
  id: string;
}

/** The context of routes behind `requireUser`: the request's own variables and the signed-in user. */
export type SignedInEnv = { Variables: RequestVariables & { user: User } };

export type Authenticator = (token: string) => Promise<User>;

export interface AuthOptions {
  issuer: string;
  audience: string;
  /** HS256 shared secret (local system). */
  secret?: string;
  /** JWKS of an OIDC provider (production). */
  jwksUrl?: string;
  jwks?: JSONWebKeySet;
  /** The longest a token may live, `exp - iat` (default 24 h): a stolen token stops working soon. */
  maxLifetimeSeconds?: number;
}

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** Clocks of the issuer and of this server may differ this much. */
const CLOCK_SKEW_SECONDS = 30;

const USER_ID = /^[A-Za-z0-9._@|:-]{1,128}$/;

/**
 * Verifies bearer JWTs and reads the user from `sub`: the signature, the issuer and audience, `exp`
 * and `iat` both present (a token without an expiry would never expire), `iat` not in the future and
 * the lifetime `exp - iat` within the maximum, with a small clock skew either way.
 */
export function createAuthenticator(options: AuthOptions): Authenticator {
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  let key: Uint8Array | JWTVerifyGetKey;
  if (options.jwksUrl) key = createRemoteJWKSet(new URL(options.jwksUrl));
  else if (options.jwks) key = createLocalJWKSet(options.jwks);
  else if (options.secret) key = new TextEncoder().encode(options.secret);
  else throw new Error('authentication needs AUTH_JWT_SECRET or AUTH_JWKS_URL');
  // A page sends its token with every request: checked once, it is taken as checked until its exp
  // (at most a minute, so a key withdrawn from the key set stops being honoured within it).
  const verified = verifiedTokens<User>({ maxEntries: 10_000, ttlMs: 60_000 });
  return async (token) => {
    const known = verified.get(token);
    if (known) return known;
    const { payload } = await jwtVerify(token, key as Uint8Array, {
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: maxLifetime,
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    if (payload.exp! - payload.iat! > maxLifetime) throw new Error(`the token lives longer than ${maxLifetime} s`);
    if (typeof payload.sub !== 'string' || !USER_ID.test(payload.sub)) throw new Error('token has no usable subject');
    const user = { id: payload.sub };
    verified.set(token, user, payload.exp! * 1000);
    return user;
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
