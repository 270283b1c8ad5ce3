import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, customFetch, decodeJwt, type JSONWebKeySet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Authenticator } from '../http/auth';
import { sameSecret } from '../http/same-secret';
import { verifiedTokens } from '../http/verified-tokens';

/** Who sent an event delivery, once its credential is verified. */
export type Sender =
  /** The event path itself (a KafkaSource, the local dispatcher): any event the function consumes. */
  | { kind: 'platform'; subject: string }
  /** A service identity listed in EVENT_PRODUCERS: only the event types listed for it. */
  | { kind: 'producer'; subject: string; types: readonly string[] }
  /** A person's token, as on the REST API: only commands a user may send, for themselves. */
  | { kind: 'user'; userId: string };

export interface Refusal {
  status: 401 | 403;
  reason: string;
}

export const isRefusal = (value: Sender | Refusal): value is Refusal => 'status' in value;

export interface SenderTokenSettings {
  /** The issuer of the platform's tokens, e.g. the cluster's service-account issuer. */
  issuer: string;
  /** The audience this function accepts deliveries for (the KafkaSource's `sink.audience`). */
  audience: string;
  /** The key set: a URL (fetched when an unknown key id arrives) or the keys themselves. */
  jwks: URL | JSONWebKeySet;
  /** Subjects (`system:serviceaccount:<ns>:<name>`) trusted as the event path. */
  senders: readonly string[];
  /** Subjects trusted as producers, with the event types each may send. */
  producers: ReadonlyMap<string, readonly string[]>;
  /** A bearer token file presented when fetching the key set (the API server requires one). */
  tokenFile?: string;
}

export interface EventSendersOptions {
  tokens?: SenderTokenSettings;
  /** Verifies a person's token (the REST authenticator). */
  users: Authenticator;
  /** Dapr's app API token (`APP_API_TOKEN`): the sidecar sends it as `dapr-api-token`. */
  appApiToken?: string;
}

export interface EventSenders {
  /** `POST /events`: the sender named by `Authorization: Bearer <JWT>`, or why it is refused. */
  fromAuthorization(header: string | undefined): Promise<Sender | Refusal>;
  /** Dapr's routes: true only for the sidecar's `dapr-api-token`, compared in constant time. */
  isDaprSidecar(token: string | undefined): boolean;
}

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i;
/** Platform tokens live minutes (Kubernetes issues them for an hour at most); a clock skew of 30 s is tolerated. */
const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_TOKEN_AGE = '2h';

function keySet(settings: SenderTokenSettings): JWTVerifyGetKey {
  if (!(settings.jwks instanceof URL)) return createLocalJWKSet(settings.jwks);
  const tokenFile = settings.tokenFile;
  // The token is read per fetch: Kubernetes rotates projected service-account tokens.
  const withToken = tokenFile
    ? { [customFetch]: (url: string, init: RequestInit) => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${readFileSync(tokenFile, 'utf8').trim()}` } }) }
    : {};
  return createRemoteJWKSet(settings.jwks, { timeoutDuration: 5_000, cooldownDuration: 10_000, ...withToken });
}

function issuerOf(token: string): string | undefined {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Authenticates who delivers events to a function. A bearer token from the platform's issuer is
 * verified against its key set (signature, `exp` required, `iat` not in the future, the function's
 * audience) and its subject must be a listed sender or producer; any other bearer token must be a
 * valid user token. Nothing else is trusted, least of all the network.
 */
export function eventSenders(options: EventSendersOptions): EventSenders {
  const { tokens } = options;
  const key = tokens ? keySet(tokens) : undefined;
  const verified = verifiedTokens<Sender>({ maxEntries: 1_000, ttlMs: 60_000 });

  async function platformSender(token: string, settings: SenderTokenSettings): Promise<Sender | Refusal> {
    const known = verified.get(token);
    if (known) return known;
    const verdict = await verifyPlatformToken(token, settings);
    if ('status' in verdict) return verdict;
    verified.set(token, verdict.sender, verdict.expiresAtMs);
    return verdict.sender;
  }

  async function verifyPlatformToken(token: string, settings: SenderTokenSettings): Promise<{ sender: Sender; expiresAtMs: number } | Refusal> {
    let subject: unknown;
    let expiresAtMs: number;
    try {
      const { payload } = await jwtVerify(token, key!, {
        issuer: settings.issuer,
        audience: settings.audience,
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: MAX_TOKEN_AGE,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      subject = payload.sub;
      expiresAtMs = payload.exp! * 1000;
    } catch (error) {
      return { status: 401, reason: `the delivery token is not valid: ${(error as Error).message}` };
    }
    if (typeof subject !== 'string') return { status: 401, reason: 'the delivery token names no subject' };
    if (settings.senders.includes(subject)) return { sender: { kind: 'platform', subject }, expiresAtMs };
    const types = settings.producers.get(subject);
    if (types) return { sender: { kind: 'producer', subject, types }, expiresAtMs };
    return { status: 403, reason: `${subject} may not deliver events to this function` };
  }

  return {
    async fromAuthorization(header) {
      const token = BEARER.exec(header ?? '')?.[1];
      if (!token) return { status: 401, reason: 'send Authorization: Bearer <token> (the event path\'s or your own)' };
      if (tokens && issuerOf(token) === tokens.issuer) return platformSender(token, tokens);
      try {
        return { kind: 'user', userId: (await options.users(token)).id };
      } catch {
        return { status: 401, reason: 'the token is invalid or expired' };
      }
    },
    isDaprSidecar: (token) => sameSecret(token, options.appApiToken),
  };
}
