import { importJWK, type JWK, SignJWT } from 'jose';

export interface SenderTokenSigner {
  /** A token for deliveries to `audience`, reused until half its lifetime has passed. */
  tokenFor(audience: string): Promise<string>;
}

/**
 * Signs delivery tokens the way the cluster's event path gets them (a service-account token from the
 * Kubernetes TokenRequest API): ES256, `iss`, `sub`, `aud`, `iat`, `exp`. The local dispatcher and the
 * tests sign with it, so the functions' production check runs on every path.
 */
export function senderTokenSigner(options: { privateJwk: JWK; issuer: string; subject: string; lifetimeSeconds?: number; now?: () => number }): SenderTokenSigner {
  const lifetime = options.lifetimeSeconds ?? 600;
  const now = options.now ?? Date.now;
  const key = importJWK(options.privateJwk, 'ES256');
  const cache = new Map<string, { token: string; renewAt: number }>();
  return {
    async tokenFor(audience) {
      const cached = cache.get(audience);
      if (cached && cached.renewAt > now()) return cached.token;
      const issuedAt = Math.floor(now() / 1000);
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT', ...(options.privateJwk.kid ? { kid: options.privateJwk.kid } : {}) })
        .setIssuer(options.issuer)
        .setSubject(options.subject)
        .setAudience(audience)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + lifetime)
        .sign(await key);
      cache.set(audience, { token, renewAt: now() + (lifetime * 1000) / 2 });
      return token;
    },
  };
}
