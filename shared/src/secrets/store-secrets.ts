import * as z from 'zod/mini';
import '../contracts/english-errors';
import { loadConfig } from '../config/load-config';
import { DAPR_SIDECAR_VARIABLES } from '../config/dapr-sidecar-variables';
import { daprSidecar } from '../dapr/dapr-sidecar';
import { daprSecretSource, type SecretSource } from './dapr-secret-source';

const REF = '\\s*[A-Z][A-Z0-9_]*=[A-Za-z0-9][A-Za-z0-9._-]*\\s*';
const REFS = new RegExp(`^${REF}(,${REF})*$`);

/** `VAR=secret-name,VAR2=other-secret` (already checked against REFS) → [[VAR, secret-name], ...] */
function parseRefs(text: string): [string, string][] {
  return text.split(',').map((part) => part.trim().split('=') as [string, string]);
}

/** The variables that switch the secret store on; absent, nothing is read. */
export const SecretStoreConfig = z
  .object({
    /** `dapr:<secret store component>`, e.g. `dapr:kubernetes` (Dapr's built-in store on Kubernetes). */
    SECRET_STORE: z.optional(z.string().check(z.regex(/^dapr:[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be dapr:<secret store name>'))),
    /** Which secret holds each variable: `DATABASE_URL=db-url-task,AUTH_JWT_SECRET=todo-auth`. */
    SECRET_REFS: z.optional(z.string().check(z.regex(REFS, 'must be VARIABLE=secret-name[,VARIABLE=secret-name...]'))),
    SECRET_STORE_WAIT_MS: z._default(z.coerce.number().check(z.int(), z.minimum(0)), 30_000),
    ...DAPR_SIDECAR_VARIABLES,
  })
  .check(z.refine((config) => !config.SECRET_STORE || !!config.SECRET_REFS, { path: ['SECRET_REFS'], message: 'is required with SECRET_STORE', when: () => true }));

/**
 * At start-up, before the configuration is parsed: reads from the secret store the variables of
 * `SECRET_REFS` that the environment lacks, and returns them (the environment always wins, so a
 * Kubernetes `secretKeyRef` or a developer's export overrides the store). A referenced secret holds the
 * variable under its own name (a Kubernetes Secret's key), or is single-valued (a vault entry). A
 * secret the store does not have is left out (the configuration then names what is missing); a store
 * that refuses or cannot be reached stops the start.
 * @example const env = { ...process.env, ...(await secretsFromStore(process.env)) };
 */
export async function secretsFromStore(env: Record<string, string | undefined>, options: { source?: SecretSource } = {}): Promise<Record<string, string>> {
  const config = loadConfig(SecretStoreConfig, env);
  if (!config.SECRET_STORE || !config.SECRET_REFS) return {};
  const source = options.source ?? daprSecretSource({ sidecar: daprSidecar(config), store: config.SECRET_STORE.slice('dapr:'.length), waitMs: config.SECRET_STORE_WAIT_MS });
  const wanted = parseRefs(config.SECRET_REFS).filter(([variable]) => !env[variable]);
  const values: Record<string, string> = {};
  for (const [variable, name] of wanted) {
    const secret = await source(name);
    if (!secret) continue;
    const keys = Object.keys(secret);
    const value = secret[variable] ?? (keys.length === 1 ? secret[keys[0]!] : undefined);
    if (value === undefined) throw new Error(`the secret ${name} has no key ${variable} (keys: ${keys.join(', ') || 'none'})`);
    values[variable] = value;
  }
  return values;
}
