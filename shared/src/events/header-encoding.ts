// The CloudEvents HTTP binding (binary mode, §3.1.3.2) percent-encodes attribute values in `ce-*`
// headers: space, double quote, percent and everything outside printable ASCII, as UTF-8 bytes.
// A user id or subject with an accent would otherwise be mangled or refused by HTTP clients.
const NEEDS_ENCODING = /[^\x21\x23-\x24\x26-\x7e]/u;

/** An attribute value as a `ce-*` header value. */
export function encodeHeaderValue(value: string): string {
  if (!NEEDS_ENCODING.test(value)) return value;
  return Array.from(value, (char) => (NEEDS_ENCODING.test(char) ? encodeURIComponent(char) : char)).join('');
}

/** A `ce-*` header value as the attribute value; a value that is not valid percent-encoding is kept as sent. */
export function decodeHeaderValue(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
