/**
 * Framing of the Postgres wire protocol (v3) as a client sends it: a startup packet (length, then
 * a code) first, then typed messages (one type byte, then a length that counts itself).
 */

export const PROTOCOL_V3 = 196_608;
export const CANCEL_REQUEST = 80_877_102;

/** The code of the untyped packet at the start of `bytes` (startup, cancel, SSL request), if it is whole. */
export function startupCode(bytes: Uint8Array): number | undefined {
  if (bytes.length < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return bytes.length >= view.getInt32(0) ? view.getInt32(4) : undefined;
}

/** Length of the untyped packet at the start of `bytes`, 0 until all of it has arrived. */
export function startupLength(bytes: Uint8Array): number {
  if (bytes.length < 8) return 0;
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(0);
  return length >= 8 && bytes.length >= length ? length : 0;
}

/**
 * The whole typed messages at the start of `bytes`, in order. It stops at one that has not fully
 * arrived, or whose length cannot be (under 4), so a broken length never walks backwards.
 */
function* typedMessages(bytes: Uint8Array): Generator<{ type: number; start: number; end: number }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let start = 0; start + 5 <= bytes.length; ) {
    const length = view.getInt32(start + 1);
    const end = start + 1 + length;
    if (length < 4 || end > bytes.length) return;
    yield { type: bytes[start]!, start, end };
    start = end;
  }
}

/** How many leading bytes of `bytes` are whole typed messages (the rest waits for more data). */
export function completeMessagesLength(bytes: Uint8Array): number {
  let length = 0;
  for (const message of typedMessages(bytes)) length = message.end;
  return length;
}

/** The type byte of the last typed message in `bytes`, or 0 for a startup packet. */
export function lastMessageType(bytes: Uint8Array): number {
  if (startupCode(bytes) === PROTOCOL_V3) return 0;
  let type = bytes[0] ?? 0;
  for (const message of typedMessages(bytes)) type = message.type;
  return type;
}

const PARSE = 0x50;

/** Names of the named statements the Parse messages in `bytes` prepare. */
export function preparedStatementNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  for (const { type, start, end } of typedMessages(bytes)) {
    if (type !== PARSE) continue;
    const nameEnd = bytes.indexOf(0, start + 5);
    if (nameEnd > start + 5 && nameEnd < end) names.push(Buffer.from(bytes.subarray(start + 5, nameEnd)).toString('utf8'));
  }
  return names;
}

/** Close (statement) for each name, then Sync: frees statements a connection prepared. */
export function closeStatementsMessage(names: Iterable<string>): Buffer {
  const parts: Buffer[] = [];
  for (const name of names) {
    const body = Buffer.concat([Buffer.from('S'), Buffer.from(`${name}\0`, 'utf8')]);
    const header = Buffer.alloc(5);
    header.write('C', 0, 'latin1');
    header.writeInt32BE(body.length + 4, 1);
    parts.push(header, body);
  }
  parts.push(Buffer.from([0x53, 0, 0, 0, 4]));
  return Buffer.concat(parts);
}
