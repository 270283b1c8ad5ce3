import { describe, expect, it } from 'vitest';
import { TRACEPARENT } from '#shared/testing/event-fixtures';
import { decideNotify, enabledChannels, type NotifyContext, reminderRequest } from './decide';
import { DEFAULT_PREFERENCES, decidePreferences, type Preferences } from './preferences';
import { RuleViolation } from '#shared/contracts/rule-violation';

const NOW = new Date('2026-05-01T09:00:00.000Z');
const TASK_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

function context(overrides: Partial<NotifyContext> = {}): NotifyContext {
  let next = 0;
  return {
    source: '/functions/notification',
    userId: 'alice',
    traceparent: TRACEPARENT,
    now: NOW,
    newId: () => `0196a000-0000-7000-8000-00000000000${++next}`,
    emailAvailable: true,
    ...overrides,
  };
}

const everything: Preferences = {
  inApp: true,
  webhook: { url: 'https://hooks.example.com/x', secret: 'whsec_x' },
  email: { address: 'alice@example.com', verifiedAt: '2026-04-30T12:00:00.000Z' },
  quietHours: null,
};

const reminder = reminderRequest({ reminderId: 'r-1', taskId: TASK_ID, title: 'Pay rent', remindAt: '2026-05-01T08:45:00Z', dueAt: '2026-05-01T09:00:00Z', deliveredAt: '2026-05-01T09:00:00Z', late: false });

describe('decideNotify', () => {
  it('stores in-app as delivered with Sent and Delivered, and leaves webhook and email pending with Sent', () => {
    const planned = decideNotify(everything, reminder, context());
    expect(planned.map((p) => [p.notification.channel, p.notification.status, p.events.map((e) => e.type)])).toEqual([
      ['in-app', 'delivered', ['dev.todo.notification.sent.v1', 'dev.todo.notification.delivered.v1']],
      ['webhook', 'pending', ['dev.todo.notification.sent.v1']],
      ['email', 'pending', ['dev.todo.notification.sent.v1']],
    ]);
    expect(planned[1]!.notification).toMatchObject({ reminderId: 'r-1', taskId: TASK_ID, title: 'Pay rent', body: 'Due now (2026-05-01 09:00 UTC)', nextAttemptAt: NOW.toISOString() });
    expect(planned[0]!.events[1]).toMatchObject({ subject: TASK_ID, userid: 'alice', data: { channel: 'in-app', deliveredAt: NOW.toISOString() } });
  });

  it('uses only in-app by default', () => {
    expect(decideNotify(DEFAULT_PREFERENCES, reminder, context()).map((p) => p.notification.channel)).toEqual(['in-app']);
  });

  it('leaves email out when the server has no SMTP server', () => {
    expect(enabledChannels(everything, false)).toEqual(['in-app', 'webhook']);
  });

  it('leaves out an email address its user has not verified, and says so when it is asked for', () => {
    const unverified: Preferences = { ...everything, email: { address: 'victim@example.com', verifiedAt: null } };
    expect(enabledChannels(unverified, true)).toEqual(['in-app', 'webhook']);
    expect(() => decideNotify(unverified, { ...reminder, channels: ['email'] }, context())).toThrow('email is not enabled: the address is not verified yet');
  });

  it('holds webhook and email until quiet hours end, never in-app', () => {
    const quiet = { ...everything, quietHours: { start: '10:00', end: '12:30', timezone: 'Europe/Berlin' } }; // 09:00Z is 11:00 in Berlin
    const planned = decideNotify(quiet, reminder, context());
    expect(planned.map((p) => [p.notification.channel, p.notification.status, p.notification.nextAttemptAt])).toEqual([
      ['in-app', 'delivered', null],
      ['webhook', 'pending', '2026-05-01T10:30:00.000Z'],
      ['email', 'pending', '2026-05-01T10:30:00.000Z'],
    ]);
  });

  it('sends an ad-hoc notification on the channels asked for, refusing one that is not enabled', () => {
    const adHoc = { reminderId: null, taskId: null, title: 'hi', body: '' };
    expect(decideNotify(everything, { ...adHoc, channels: ['email'] }, context()).map((p) => p.notification.channel)).toEqual(['email']);
    expect(() => decideNotify(DEFAULT_PREFERENCES, { ...adHoc, channels: ['webhook'] }, context())).toThrow(RuleViolation);
  });

  it('gives an ad-hoc notification its own id as subject', () => {
    const [planned] = decideNotify(DEFAULT_PREFERENCES, { reminderId: null, taskId: null, title: 'hi', body: '' }, context());
    expect(planned!.events[0]).toMatchObject({ subject: planned!.notification.id, partitionkey: planned!.notification.id });
  });
});

describe('decidePreferences', () => {
  const secret = () => 'whsec_new';

  it('generates a secret for a new webhook and reveals it', () => {
    const decision = decidePreferences(DEFAULT_PREFERENCES, { channels: { webhook: { url: 'https://a.example/h' } } }, secret);
    expect(decision).toEqual({ preferences: { inApp: true, webhook: { url: 'https://a.example/h', secret: 'whsec_new' }, email: null, quietHours: null }, revealSecret: true });
  });

  it('keeps the existing secret when the URL changes without one', () => {
    const decision = decidePreferences(everything, { channels: { webhook: { url: 'https://b.example/h' } } }, secret);
    expect(decision.preferences.webhook).toEqual({ url: 'https://b.example/h', secret: 'whsec_x' });
    expect(decision.revealSecret).toBe(false);
  });

  it('keeps an email address verified only while it is the same address', () => {
    expect(decidePreferences(everything, { channels: { email: { address: 'alice@example.com' } } }, secret).preferences.email).toEqual(everything.email);
    expect(decidePreferences(everything, { channels: { email: { address: 'victim@example.com' } } }, secret).preferences.email).toEqual({ address: 'victim@example.com', verifiedAt: null });
    expect(decidePreferences(everything, { channels: { email: { address: 'Alice@example.com' } } }, secret).preferences.email?.verifiedAt).toBeNull();
  });

  it('replaces everything not given with the defaults', () => {
    expect(decidePreferences(everything, { channels: {} }, secret)).toEqual({ preferences: DEFAULT_PREFERENCES, revealSecret: false });
  });
});
