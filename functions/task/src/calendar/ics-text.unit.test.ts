import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { contentLine, escapeText, foldLine, joinLines } from './ics-text';

const octets = (line: string) => Buffer.byteLength(line, 'utf8');
const unfold = (lines: string[]) => lines.map((line, index) => (index === 0 ? line : line.slice(1))).join('');
const strict = new TextDecoder('utf-8', { fatal: true });

/** A SUMMARY written by the writer, read back by ical.js. */
function summaryRead(text: string): unknown {
  const calendar = joinLines(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', ...contentLine('SUMMARY', escapeText(text)), 'END:VEVENT', 'END:VCALENDAR']);
  return new ICAL.Component(ICAL.parse(calendar)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('summary');
}

// Text of every kind: the characters the format gives meaning to, line breaks, multi-octet UTF-8, emoji.
const text = fc.string({ unit: fc.oneof(fc.constantFrom('\\', ';', ',', ':', '"', '\r\n', '\n', '\r', '\t', ' ', 'é', '€', '😀', '👩‍👩‍👧', '\u{10FFFF}'), fc.string({ unit: 'grapheme', maxLength: 1 }), fc.string({ unit: 'binary-ascii', maxLength: 1 })), maxLength: 400 });

describe('escapeText', () => {
  it('escapes backslash, semicolon and comma, and writes every line break as \\n', () => {
    expect(escapeText('a\\b;c,d\r\ne\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('drops the control characters TEXT cannot hold and keeps tabs', () => {
    expect(escapeText('a\u0000b\u0007c\u001bd\u007fe\tf')).toBe('abcde\tf');
  });

  it('writes a lone surrogate as U+FFFD, so the value is valid UTF-8', () => {
    expect(escapeText('a\uD800b\uDC00c😀')).toBe('a\uFFFDb\uFFFDc😀');
  });

  it('reads back in ical.js as the same text, line breaks as LF', () => {
    fc.assert(
      fc.property(text, (value) => {
        const expected = value.replace(/\r\n|\r/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
        expect(summaryRead(value)).toBe(expected);
      }),
    );
  });
});

describe('foldLine', () => {
  it('keeps a line of 75 octets whole and folds the 76th octet onto a continuation line', () => {
    expect(foldLine('x'.repeat(75))).toEqual(['x'.repeat(75)]);
    expect(foldLine('x'.repeat(76))).toEqual(['x'.repeat(75), ' x']);
  });

  it('moves a character that does not fit whole to the next line', () => {
    const lines = foldLine(`${'x'.repeat(73)}😀`);
    expect(lines).toEqual(['x'.repeat(73), ' 😀']);
  });

  it('never makes a line longer than 75 octets, never splits a UTF-8 sequence, and unfolds to the original', () => {
    fc.assert(
      fc.property(text, (value) => {
        const lines = foldLine(`SUMMARY:${escapeText(value)}`);
        for (const [index, line] of lines.entries()) {
          expect(octets(line)).toBeLessThanOrEqual(75);
          expect(() => strict.decode(Buffer.from(line, 'utf8'))).not.toThrow();
          if (index > 0) expect(line.startsWith(' ')).toBe(true);
        }
        expect(unfold(lines)).toBe(`SUMMARY:${escapeText(value)}`);
      }),
    );
  });

  it('folds a 2,000-character title of emoji and accents into full lines that ical.js reads back', () => {
    const title = '😀é€;,\\'.repeat(333).slice(0, 2000);
    const lines = contentLine('SUMMARY', escapeText(title));
    expect(lines.length).toBeGreaterThan(40);
    for (const line of lines.slice(0, -1)) expect(octets(line)).toBeGreaterThan(70);
    expect(summaryRead(title)).toBe(title);
  });
});
