/**
 * The text rules of RFC 5545 (§3.1, §3.3.11): how a value is escaped and how a content line is folded.
 * Everything the feed writes goes through {@link contentLine}, so no line can break the format.
 */

const MAX_LINE_OCTETS = 75;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The octets a code point takes in UTF-8 (a lone surrogate is written as U+FFFD: three). */
const utf8Octets = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/**
 * A TEXT value: `\`, `;` and `,` escaped, every line break (CRLF, LF, CR) as `\n`, and the control
 * characters TEXT may not hold (all but horizontal tab) dropped. Lone surrogates become U+FFFD, so
 * the value is always valid UTF-8.
 */
export function escapeText(value: string): string {
  return value
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\r\n|[\r\n]/g, '\n')
    .replace(/[\\;,\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`))
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/**
 * Folds one content line (without its CRLF) into physical lines of at most 75 octets, each
 * continuation starting with a space (§3.1), and never inside a UTF-8 sequence: a character that
 * does not fit goes whole to the next line.
 */
export function foldLine(line: string): string[] {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Octets(char.codePointAt(0)!);
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines;
}

/** `NAME;PARAM=…:value` folded; `value` must already be in its iCalendar form (escaped TEXT, a DATE-TIME). */
export function contentLine(name: string, value: string, params: Record<string, string> = {}): string[] {
  const head = [name, ...Object.entries(params).map(([param, paramValue]) => `${param}=${paramValue}`)].join(';');
  return foldLine(`${head}:${value}`);
}

/** Physical lines joined as the format wants: every line ends with CRLF, the last one too. */
export const joinLines = (lines: readonly string[]): string => `${lines.join('\r\n')}\r\n`;
