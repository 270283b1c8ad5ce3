import { existsSync } from 'node:fs';
import * as z from 'zod/mini';
import '../contracts/english-errors';
import type { Authenticator } from '../http/auth';
import { isKnownType } from './catalog';
import { eventSenders, type EventSenders } from './event-senders';

const SUBJECT = '[A-Za-z0-9:._@/-]{1,253}';
const TYPE = '[a-z0-9.]{1,120}';
const PRODUCER = `${SUBJECT}=${TYPE}(?:\\|${TYPE})*`;
const PRODUCERS = new RegExp(`^${PRODUCER}(?:,${PRODUCER})*$`);
const SUBJECTS = new RegExp(`^${SUBJECT}(?:,${SUBJECT})*$`);
/** Where Kubernetes mounts a pod's own service-account token. */
const POD_TOKEN_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** Who may deliver events to a function; spread into the base configuration. */
export const EVENT_SENDER_VARIABLES = {
  /** The issuer of the event path's tokens: the cluster's service-account issuer (or the local dispatcher). */
  EVENTS_OIDC_ISSUER: z.optional(z.url()),
  /** Its key set, e.g. https://kubernetes.default.svc/openid/v1/jwks. */
  EVENTS_OIDC_JWKS_URL: z.optional(z.url({ protocol: /^https?$/ })),
  /** The audience deliveries to this function carry (the KafkaSource's `sink.audience`). */
  EVENTS_OIDC_AUDIENCE: z.optional(z.string().check(z.minLength(1), z.maxLength(253))),
  /** The event path's identities: `system:serviceaccount:<ns>:<name>`, comma-separated. */
  EVENTS_OIDC_SENDERS: z.optional(z.string().check(z.regex(SUBJECTS, 'must be subjects separated by commas'))),
  /** The token presented when fetching the key set (default: the pod's service-account token, when mounted). */
  EVENTS_OIDC_TOKEN_FILE: z.optional(z.string().check(z.minLength(1))),
  /** Service identities that may send commands: `<subject>=<type>[|<type>]`, comma-separated. */
  EVENT_PRODUCERS: z.optional(
    z.string().check(
      z.regex(PRODUCERS, 'must be <subject>=<event type>[|<event type>], separated by commas'),
      z.refine((value) => value.split(',').every((entry) => entry.slice(entry.lastIndexOf('=') + 1).split('|').every(isKnownType)), 'names an unknown event type'),
    ),
  ),
  /** Dapr's app API token: the sidecar sends it as `dapr-api-token`; without it the Dapr routes refuse everything. */
  APP_API_TOKEN: z.optional(z.string().check(z.minLength(16, 'at least 16 characters'))),
};

export interface EventSenderSettings {
  EVENTS_OIDC_ISSUER?: string | undefined;
  EVENTS_OIDC_JWKS_URL?: string | undefined;
  EVENTS_OIDC_AUDIENCE?: string | undefined;
  EVENTS_OIDC_SENDERS?: string | undefined;
  EVENTS_OIDC_TOKEN_FILE?: string | undefined;
  EVENT_PRODUCERS?: string | undefined;
  APP_API_TOKEN?: string | undefined;
}

/** The refinements that make the OIDC variables all-or-nothing; add them to the configuration's checks. */
export const eventSenderChecks = [
  z.refine<EventSenderSettings>((config) => !config.EVENTS_OIDC_ISSUER || (!!config.EVENTS_OIDC_JWKS_URL && !!config.EVENTS_OIDC_AUDIENCE && !!config.EVENTS_OIDC_SENDERS), {
    path: ['EVENTS_OIDC_ISSUER'],
    message: 'needs EVENTS_OIDC_JWKS_URL, EVENTS_OIDC_AUDIENCE and EVENTS_OIDC_SENDERS',
    when: () => true,
  }),
  z.refine<EventSenderSettings>((config) => !config.EVENT_PRODUCERS || !!config.EVENTS_OIDC_ISSUER, {
    path: ['EVENT_PRODUCERS'],
    message: 'needs EVENTS_OIDC_ISSUER (producers present tokens of that issuer)',
    when: () => true,
  }),
];

function producersOf(text: string | undefined): Map<string, string[]> {
  const producers = new Map<string, string[]>();
  for (const entry of text ? text.split(',') : []) {
    const at = entry.lastIndexOf('=');
    producers.set(entry.slice(0, at), entry.slice(at + 1).split('|'));
  }
  return producers;
}

/** The senders a function trusts, from its parsed configuration. */
export function eventSendersFrom(config: EventSenderSettings, users: Authenticator): EventSenders {
  const tokenFile = config.EVENTS_OIDC_TOKEN_FILE ?? (existsSync(POD_TOKEN_FILE) ? POD_TOKEN_FILE : undefined);
  const tokens = config.EVENTS_OIDC_ISSUER
    ? {
        issuer: config.EVENTS_OIDC_ISSUER,
        audience: config.EVENTS_OIDC_AUDIENCE!,
        jwks: new URL(config.EVENTS_OIDC_JWKS_URL!),
        senders: config.EVENTS_OIDC_SENDERS!.split(','),
        producers: producersOf(config.EVENT_PRODUCERS),
        ...(tokenFile ? { tokenFile } : {}),
      }
    : undefined;
  return eventSenders({ users, ...(tokens ? { tokens } : {}), ...(config.APP_API_TOKEN ? { appApiToken: config.APP_API_TOKEN } : {}) });
}
