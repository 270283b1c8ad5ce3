import { describe, expect, it } from 'vitest';
import { brokenTextFields } from './plain-text';

const NOT_TEXT = 'must be text without NUL characters or broken unicode';

describe('brokenTextFields', () => {
  it('names each broken string and field name by its dotted path, in document order', () => {
    const value = { title: 'ok\u0000', tags: ['fine', '\uD800'], nested: { ['bad\u0000key']: 1, deeper: [{ text: '\uDC00' }] } };

    expect(brokenTextFields(value)).toEqual([
      { field: 'title', message: NOT_TEXT },
      { field: 'tags.1', message: NOT_TEXT },
      { field: 'nested.bad\\u0000key', message: `is a field name that ${NOT_TEXT.replace('must be', 'is not')}` },
      { field: 'nested.deeper.0.text', message: NOT_TEXT },
    ]);
  });

  it('names the body itself when it is a broken string', () => {
    expect(brokenTextFields('\u0000')).toEqual([{ field: '(body)', message: NOT_TEXT }]);
  });

  it.each([
    ['arrays', (inner: unknown) => [inner]],
    ['objects', (inner: unknown) => ({ a: inner })],
  ])('walks %s nested 200,000 deep without overflowing the stack', (_, wrap) => {
    let value: unknown = '\u0000';
    for (let level = 0; level < 200_000; level++) value = wrap(value);

    const broken = brokenTextFields(value);

    expect(broken).toHaveLength(1);
    expect(broken[0]!.field.split('.')).toHaveLength(200_000);
  });

  it('walks 1,000,000 siblings', () => {
    const value = Array.from({ length: 1_000_000 }, (_, index) => (index === 999_999 ? '\u0000' : 'x'));

    expect(brokenTextFields(value)).toEqual([{ field: '999999', message: NOT_TEXT }]);
  });
});
