import { describe, expect, it } from 'vitest';
import { preferencesInput } from '../preferences';
import { isPrivateAddress, isPrivateHost } from './public-address';

describe('isPrivateAddress', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe'])(
    'refuses %s',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('accepts %s', (address) => expect(isPrivateAddress(address)).toBe(false));
});

describe('isPrivateHost', () => {
  it('refuses localhost names and private literals, accepts public names', () => {
    expect(isPrivateHost('localhost')).toBe(true);
    expect(isPrivateHost('api.localhost')).toBe(true);
    expect(isPrivateHost('[::1]')).toBe(true);
    expect(isPrivateHost('10.0.0.5')).toBe(true);
    expect(isPrivateHost('hooks.example.com')).toBe(false);
  });
});

describe('webhook URLs in preferences', () => {
  const body = (url: string) => ({ channels: { webhook: { url } } });

  it('refuses private targets in production', () => {
    const production = preferencesInput({ allowPrivateTargets: false });
    const refused = production.safeParse(body('http://127.0.0.1:8080/hook'));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['channels', 'webhook', 'url'], message: expect.stringContaining('public address') });
    expect(production.safeParse(body('http://169.254.169.254/latest/meta-data')).success).toBe(false);
    expect(production.safeParse(body('https://hooks.example.com/todo')).success).toBe(true);
  });

  it('allows them in development and test', () => {
    expect(preferencesInput({ allowPrivateTargets: true }).safeParse(body('http://127.0.0.1:8080/hook')).success).toBe(true);
  });

  it('refuses other schemes and credentials everywhere', () => {
    const any = preferencesInput({ allowPrivateTargets: true });
    expect(any.safeParse(body('file:///etc/passwd')).success).toBe(false);
    expect(any.safeParse(body('https://user:pw@hooks.example.com/')).success).toBe(false);
  });
});
