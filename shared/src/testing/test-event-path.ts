import { createServer } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import type { Authenticator } from '../http/auth';
import { eventSenders, type EventSenders } from '../events/event-senders';
import { senderTokenSigner } from '../events/sender-token';

export const TEST_EVENT_ISSUER = 'https://event-path.test';
export const TEST_EVENT_AUDIENCE = 'events:test';
export const TEST_EVENT_SENDER = 'system:serviceaccount:test:event-path';
export const TEST_APP_API_TOKEN = 'test-app-api-token-0123456789';

/**
 * The event path as the tests play it: a key of a pretend platform issuer, the `EventSenders` a
 * function under test checks deliveries with, and the token the event path's deliveries carry.
 */
export async function testEventPath(users: Authenticator, options: { producers?: ReadonlyMap<string, readonly string[]> } = {}) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = 'test-event-path';
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
  const senders: EventSenders = eventSenders({
    tokens: { issuer: TEST_EVENT_ISSUER, audience: TEST_EVENT_AUDIENCE, jwks: { keys: [publicJwk] }, senders: [TEST_EVENT_SENDER], producers: options.producers ?? new Map() },
    users,
    appApiToken: TEST_APP_API_TOKEN,
  });
  const signerFor = (subject: string) => senderTokenSigner({ privateJwk, issuer: TEST_EVENT_ISSUER, subject });
  const eventPath = signerFor(TEST_EVENT_SENDER);
  return {
    senders,
    publicJwk,
    privateJwk,
    /** What the event path's deliveries carry: `Bearer <token>`. */
    authorization: async () => `Bearer ${await eventPath.tokenFor(TEST_EVENT_AUDIENCE)}`,
    /** A token of the same issuer for another subject (a producer, a stranger). */
    tokenOf: (subject: string, audience = TEST_EVENT_AUDIENCE) => signerFor(subject).tokenFor(audience),
    /**
     * Serves the public key set over HTTP, as the API server does, for functions started from their
     * environment; `env` is what makes them trust this event path.
     */
    async serveKeys() {
      const server = createServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] })));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      const jwksUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/openid/v1/jwks`;
      return {
        env: { EVENTS_OIDC_ISSUER: TEST_EVENT_ISSUER, EVENTS_OIDC_JWKS_URL: jwksUrl, EVENTS_OIDC_AUDIENCE: TEST_EVENT_AUDIENCE, EVENTS_OIDC_SENDERS: TEST_EVENT_SENDER, APP_API_TOKEN: TEST_APP_API_TOKEN },
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
      };
    },
  };
}
