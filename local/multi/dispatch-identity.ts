import { exportJWK, generateKeyPair, type JWK } from 'jose';

/** The dispatcher's identity as the functions see it: the subject its tokens carry. */
export const DISPATCHER_SUBJECT = 'system:serviceaccount:local:dispatcher';
/** Where the dispatcher serves its public key set, as the Kubernetes API server does. */
export const JWKS_PATH = '/openid/v1/jwks';

/** The audience a function's deliveries carry (as a KafkaSource's `sink.audience` in the cluster). */
export const eventsAudience = (functionName: string) => `events:${functionName}`;

export interface DispatchIdentity {
  issuer: string;
  privateJwk: JWK;
}

/**
 * A fresh ES256 key for one run of the multi-process system: the dispatcher signs each delivery with
 * it, as a KafkaSource presents a service-account token, and the functions verify it against the key
 * set it serves — the same check the cluster's deliveries pass. Kept for the run, so a restarted
 * dispatcher signs with the key the functions already know.
 */
export async function newDispatchIdentity(issuer: string): Promise<DispatchIdentity> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { issuer, privateJwk: { ...(await exportJWK(privateKey)), kid: `dispatcher-${Date.now().toString(36)}`, alg: 'ES256' } };
}

/** The variables that make a function accept the dispatcher's deliveries. */
export function functionEventEnv(identity: Pick<DispatchIdentity, 'issuer'>, functionName: string): Record<string, string> {
  return {
    EVENTS_OIDC_ISSUER: identity.issuer,
    EVENTS_OIDC_JWKS_URL: `${identity.issuer}${JWKS_PATH}`,
    EVENTS_OIDC_AUDIENCE: eventsAudience(functionName),
    EVENTS_OIDC_SENDERS: DISPATCHER_SUBJECT,
  };
}
