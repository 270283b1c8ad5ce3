/** The first `length` characters of `text`, never cutting an emoji or other astral character in half. */
export const firstCharacters = (text: string, length: number) => Array.from(text).slice(0, length).join('');
