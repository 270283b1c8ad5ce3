import { SignJWT } from 'jose';

/** Signs a local-system token for a user (HS256), valid 12 h by default. Production tokens come from the OIDC provider. */
export async function issueToken(options: { userId: string; secret: string; issuer: string; audience: string; ttlSeconds?: number }): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.userId)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 12 * 3600}s`)
    .sign(new TextEncoder().encode(options.secret));
}
