import { describe, expect, it } from 'vitest';
import { addressKey, hashVerificationCode, newVerificationCode, sameCodeHash } from './verification-code';

describe('verification codes', () => {
  it('are six random digits', () => {
    const codes = Array.from({ length: 200 }, newVerificationCode);
    expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it('hash to a value bound to the user and the address', () => {
    const hash = hashVerificationCode({ userId: 'erin', address: 'erin@example.com', code: '123456' });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sameCodeHash(hashVerificationCode({ userId: 'erin', address: 'erin@example.com', code: '123456' }), hash)).toBe(true);
    expect(sameCodeHash(hashVerificationCode({ userId: 'mallory', address: 'erin@example.com', code: '123456' }), hash)).toBe(false);
    expect(sameCodeHash(hashVerificationCode({ userId: 'erin', address: 'victim@example.com', code: '123456' }), hash)).toBe(false);
    expect(sameCodeHash('', '')).toBe(false);
  });
});

describe('addressKey', () => {
  it('counts case and +tag variants of an address as one address', () => {
    expect(['Victim@Example.com', 'victim+1@example.com', 'VICTIM+spam+2@EXAMPLE.COM'].map(addressKey)).toEqual(Array(3).fill('victim@example.com'));
    expect(addressKey('other@example.com')).toBe('other@example.com');
  });
});
