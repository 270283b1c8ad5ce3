import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts the keys of every object, at every depth, and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives equal text for equal values built in another key order', () => {
    expect(canonicalJson({ title: 'x', tags: ['a'], id: 1 })).toBe(canonicalJson({ id: 1, tags: ['a'], title: 'x' }));
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"Z":3,"z":2,"é":1}');
  });

  it('writes strings and numbers as JSON.stringify does, and leaves undefined members out', () => {
    expect(canonicalJson({ s: 'line\n"quoted" ☃', n: 1e21, f: 0.1, u: undefined, a: [undefined] })).toBe('{"a":[null],"f":0.1,"n":1e+21,"s":"line\\n\\"quoted\\" ☃"}');
  });

  it('uses toJSON, so a Date is its ISO text', () => {
    expect(canonicalJson({ at: new Date('2026-05-01T09:00:00Z') })).toBe('{"at":"2026-05-01T09:00:00.000Z"}');
  });

  it('refuses a value with no JSON form', () => {
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});
