import * as z from 'zod/mini';
import '#shared/contracts/english-errors';
import { TimeZone } from '#shared/contracts/time';
import { isPrivateHost } from './channels/public-address';

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/** A Standard Webhooks secret: `whsec_` and the base64 of 24 to 64 random bytes. */
export const WebhookSecret = z.string().check(
  z.refine((value) => {
    const match = SECRET.exec(value);
    if (!match) return false;
    const bytes = Buffer.from(match[1]!, 'base64').length;
    return bytes >= 24 && bytes <= 64;
  }, 'must be whsec_ followed by the base64 of 24 to 64 random bytes'),
);

// The secret's rule as JSON Schema says it: 32 to 86 base64 characters decode to 24 to 64 bytes.
z.globalRegistry.add(WebhookSecret, { pattern: '^whsec_[A-Za-z0-9+/]{32,86}={0,2}$' });

const ClockTime = z.string().check(z.regex(CLOCK_TIME, 'must be a 24-hour time such as 22:00'));

export const QuietHours = z
  .strictObject({ start: ClockTime, end: ClockTime, timezone: TimeZone })
  .check(z.refine((hours) => hours.start !== hours.end, { path: ['end'], message: 'must differ from start' }));
export type QuietHours = z.infer<typeof QuietHours>;


/** The body of `PUT /notifications/preferences`; omitted fields take their defaults. */
export function preferencesInput(options: { allowPrivateTargets: boolean }) {
  const WebhookUrl = z.string().check(
    z.maxLength(2048),
    z.refine((value) => isHttpUrl(value), 'must be an absolute http or https URL without user name or password'),
    z.refine((value) => !isHttpUrl(value) || options.allowPrivateTargets || !isPrivateHost(new URL(value).hostname), 'must be a public address (private, loopback and link-local targets are refused)'),
  );
  return z.strictObject({
    channels: z.strictObject(
      {
        inApp: z.optional(z.boolean()),
        webhook: z.optional(z.nullable(z.strictObject({ url: WebhookUrl, secret: z.optional(WebhookSecret) }))),
        email: z.optional(z.nullable(z.strictObject({ address: z.email('must be an email address').check(z.maxLength(254)) }))),
      },
      'must be an object of the channels to use, e.g. {"inApp": true, "webhook": {"url": "https://…"}}',
    ),
    quietHours: z.optional(z.nullable(QuietHours)),
  });
}
export type PreferencesInput = z.infer<ReturnType<typeof preferencesInput>>;

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && url.username === '' && url.password === '';
}

/** A user's stored preferences, secret included (never shown again after it was generated). */
export interface Preferences {
  inApp: boolean;
  webhook: { url: string; secret: string } | null;
  /** Notifications are mailed only once `verifiedAt` is set: the user proved the address is theirs. */
  email: { address: string; verifiedAt: string | null } | null;
  quietHours: QuietHours | null;
}

export const DEFAULT_PREFERENCES: Preferences = { inApp: true, webhook: null, email: null, quietHours: null };

/** Preferences as the API shows them. */
export const PreferencesView = z.object({
  channels: z.object({
    inApp: z.boolean(),
    webhook: z.nullable(z.object({ url: z.string(), secret: z.optional(z.string()) })),
    email: z.nullable(z.object({ address: z.string(), verified: z.boolean() })),
  }),
  quietHours: z.nullable(z.object({ start: z.string(), end: z.string(), timezone: z.string() })),
});

z.globalRegistry.add(PreferencesView, { id: 'NotificationPreferences' });

/** Preferences as the API shows them: the webhook secret only when `revealSecret` (the answer that created it). */
export function preferencesView(preferences: Preferences, revealSecret = false): z.infer<typeof PreferencesView> {
  const { webhook } = preferences;
  return {
    channels: {
      inApp: preferences.inApp,
      webhook: webhook ? (revealSecret ? { url: webhook.url, secret: webhook.secret } : { url: webhook.url }) : null,
      email: preferences.email && { address: preferences.email.address, verified: preferences.email.verifiedAt !== null },
    },
    quietHours: preferences.quietHours && { start: preferences.quietHours.start, end: preferences.quietHours.end, timezone: preferences.quietHours.timezone },
  };
}

/**
 * The preferences a `PUT` asks for. A webhook without a secret keeps the secret it has, or gets a new
 * one from `newSecret` (then `revealSecret` is true: the answer shows it, once). An email address
 * stays verified only while it is the same address.
 */
export function decidePreferences(current: Preferences, input: PreferencesInput, newSecret: () => string): { preferences: Preferences; revealSecret: boolean } {
  const webhookInput = input.channels.webhook ?? null;
  const secret = webhookInput ? (webhookInput.secret ?? current.webhook?.secret ?? null) : null;
  const generated = webhookInput !== null && secret === null;
  return {
    preferences: {
      inApp: input.channels.inApp ?? true,
      webhook: webhookInput ? { url: webhookInput.url, secret: secret ?? newSecret() } : null,
      email: input.channels.email ? { address: input.channels.email.address, verifiedAt: sameAddressVerifiedAt(current, input.channels.email.address) } : null,
      quietHours: input.quietHours ?? null,
    },
    revealSecret: generated,
  };
}

const sameAddressVerifiedAt = (current: Preferences, address: string) => (current.email?.address === address ? current.email.verifiedAt : null);
