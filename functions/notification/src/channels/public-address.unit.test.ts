import { describe, expect, it } from 'vitest';
import { preferencesInput } from '../preferences';
import { isPrivateAddress, isPrivateHost } from './public-address';
import { ACCEPTED_WEBHOOK_URLS, REFUSED_WEBHOOK_URLS } from '../../test/channels/ssrf-attack-urls';

describe('isPrivateHost on the host the URL parser sees', () => {
  it.each(REFUSED_WEBHOOK_URLS)('refuses %s', (url) => expect(isPrivateHost(new URL(url).hostname)).toBe(true));
  it.each(ACCEPTED_WEBHOOK_URLS)('accepts %s', (url) => expect(isPrivateHost(new URL(url).hostname)).toBe(false));

  it('normalises a host given as written, not parsed', () => {
    expect(['2130706433', '0x7f.1', '::ffff:127.0.0.1', '[::7f00:1]', 'localhost.'].map(isPrivateHost)).toEqual([true, true, true, true, true]);
  });
});

describe('isPrivateAddress on what DNS answers', () => {
  it.each(['127.0.0.1', '10.1.2.3', '169.254.169.254', '::1', '::', 'fd00::1', 'fe80::1%eth0', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a00:1', '2002:c0a8:101::1', 'not an address'])(
    'refuses %s',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::5db8:d822'])('accepts %s', (address) => expect(isPrivateAddress(address)).toBe(false));
});

describe('webhook URLs in preferences', () => {
  const body = (url: string) => ({ channels: { webhook: { url } } });
  const production = preferencesInput({ allowPrivateTargets: false });

  it.each(REFUSED_WEBHOOK_URLS)('refuses %s in production', (url) => {
    const refused = production.safeParse(body(url));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['channels', 'webhook', 'url'], message: expect.stringContaining('public address') });
  });

  it('accepts public targets in production', () => {
    for (const url of ACCEPTED_WEBHOOK_URLS) expect(production.safeParse(body(url)).success).toBe(true);
  });

  it('allows private targets in development and test', () => {
    expect(preferencesInput({ allowPrivateTargets: true }).safeParse(body('http://127.0.0.1:8080/hook')).success).toBe(true);
  });

  it('refuses other schemes and credentials everywhere', () => {
    const any = preferencesInput({ allowPrivateTargets: true });
    expect(any.safeParse(body('file:///etc/passwd')).success).toBe(false);
    expect(any.safeParse(body('https://user:pw@hooks.example.com/')).success).toBe(false);
  });
});
