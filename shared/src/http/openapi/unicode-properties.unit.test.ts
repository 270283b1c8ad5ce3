import { describe, expect, it } from 'vitest';
import { Tag } from '#shared/contracts/task';
import { spelledOutPattern, withSpelledOutPatterns } from './unicode-properties';

const everyCodePoint = function* () {
  for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) if (codePoint < 0xd800 || codePoint > 0xdfff) yield String.fromCodePoint(codePoint);
};

describe('spelledOutPattern', () => {
  it('matches exactly the code points the escapes match, inside and outside a class', () => {
    const pattern = String.raw`^[\p{Ll}\p{Lo}\p{N}_]\p{Lu}?$`;
    const original = new RegExp(pattern, 'u');
    const spelled = spelledOutPattern(pattern);
    expect(spelled).not.toMatch(/\\p\{/);
    const rewritten = new RegExp(spelled, 'u');
    const differ = [...everyCodePoint()].filter((char) => original.test(char) !== rewritten.test(char));
    expect(differ).toEqual([]);
    expect(rewritten.test('ġA')).toBe(true);
    expect(rewritten.test('Ĕ')).toBe(false);
  });

  it('spells out a negated escape outside a class and refuses one inside', () => {
    expect(new RegExp(spelledOutPattern(String.raw`^\P{N}$`), 'u').test('7')).toBe(false);
    expect(() => spelledOutPattern(String.raw`[\P{N}]`)).toThrow(/cannot be spelled out/);
  });

  it('leaves other escapes and patterns without properties alone', () => {
    expect(spelledOutPattern(String.raw`^\d+\.\S$`)).toBe(String.raw`^\d+\.\S$`);
    expect(spelledOutPattern(String.raw`^[\-\]a]\p{Nd}$`)).toMatch(/^\^\[\\-\\\]a\]\[0-9/);
  });
});

describe('withSpelledOutPatterns', () => {
  it('rewrites every pattern of a schema and nothing else, so the tag pattern accepts exactly what Tag accepts', () => {
    const tag = String.raw`^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}_\-/.]*$`;
    const schema = withSpelledOutPatterns({ properties: { pattern: { type: 'string', pattern: tag } }, required: ['pattern'] });
    expect(schema.required).toEqual(['pattern']);
    const rewritten = new RegExp(schema.properties.pattern.pattern, 'u');
    for (const value of ['home', 'ġð', 'über-uns/2', '東京', '٣x', 'Ĕ', 'Home', '_a', 'a b', '-a']) {
      expect(rewritten.test(value), value).toBe(Tag.safeParse(value).success);
    }
  });
});
