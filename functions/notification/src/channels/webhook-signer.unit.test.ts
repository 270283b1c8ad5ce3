import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signer';

describe('signWebhook', () => {
  it('matches the Standard Webhooks reference vector', () => {
    const headers = signWebhook({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}' });
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('verifies its own signatures and refuses a changed body', () => {
    const secret = newWebhookSecret();
    const headers = signWebhook({ secret, id: 'n-1', timestamp: 1_700_000_000, body: '{"a":1}' });
    expect(verifyWebhook({ secret, headers: { ...headers }, body: '{"a":1}' })).toBe(true);
    expect(verifyWebhook({ secret, headers: { ...headers }, body: '{"a":2}' })).toBe(false);
    expect(verifyWebhook({ secret: newWebhookSecret(), headers: { ...headers }, body: '{"a":1}' })).toBe(false);
  });

  it('generates whsec_ secrets of 24 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(24);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});
