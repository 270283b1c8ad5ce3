import { describe, expect, it } from 'vitest';
import {
  closeStatementsMessage,
  completeMessagesLength,
  lastMessageType,
  preparedStatementNames,
  PROTOCOL_V3,
  startupCode,
  startupLength,
} from './wire-messages';

function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
const cstring = (text: string) => Buffer.from(`${text}\0`, 'utf8');
const parse = (name: string, query: string) => message('P', Buffer.concat([cstring(name), cstring(query), Buffer.from([0, 0])]));
const startup = () => {
  const body = Buffer.concat([cstring('user'), cstring('postgres'), Buffer.from([0])]);
  const header = Buffer.alloc(8);
  header.writeInt32BE(body.length + 8, 0);
  header.writeInt32BE(PROTOCOL_V3, 4);
  return Buffer.concat([header, body]);
};

describe('wire messages', () => {
  it('counts only whole typed messages, wherever a chunk ends', () => {
    const batch = Buffer.concat([parse('', 'select 1'), message('D', Buffer.from('S\0')), message('H')]);
    expect(completeMessagesLength(batch)).toBe(batch.length);
    for (let cut = 0; cut < batch.length; cut++) {
      const length = completeMessagesLength(batch.subarray(0, cut));
      expect(length).toBeLessThanOrEqual(cut);
      expect([0, parse('', 'select 1').length, parse('', 'select 1').length + 7]).toContain(length);
    }
  });

  it('reads a startup packet only once all of it has arrived', () => {
    const packet = startup();
    expect(startupLength(packet.subarray(0, packet.length - 1))).toBe(0);
    expect(startupLength(Buffer.concat([packet, message('Q', cstring('select 1'))]))).toBe(packet.length);
    expect(startupCode(packet)).toBe(PROTOCOL_V3);
  });

  it('tells the type of the last message of a batch, and 0 for a startup packet', () => {
    expect(String.fromCharCode(lastMessageType(Buffer.concat([message('B'), message('E'), message('S')])))).toBe('S');
    expect(String.fromCharCode(lastMessageType(Buffer.concat([parse('', 'select 1'), message('H')])))).toBe('H');
    expect(lastMessageType(startup())).toBe(0);
  });

  it('finds the names of named statements, not of unnamed ones', () => {
    const batch = Buffer.concat([parse('s1', 'select 1'), message('S'), parse('', 'select 2'), parse('sé2', 'select 3')]);
    expect(preparedStatementNames(batch)).toEqual(['s1', 'sé2']);
  });

  it('stops at a length that cannot be, and never walks backwards', () => {
    const broken = Buffer.concat([message('S'), Buffer.from([0x42, 0xff, 0xff, 0xff, 0xf0]), message('S')]);
    expect(completeMessagesLength(broken)).toBe(5);
    expect(String.fromCharCode(lastMessageType(broken))).toBe('S');
    expect(preparedStatementNames(Buffer.concat([Buffer.from([0x50, 0, 0, 0, 0]), parse('s1', 'select 1')]))).toEqual([]);
    expect(startupLength(Buffer.from([0, 0, 0, 2, 0, 3, 0, 0]))).toBe(0);
  });

  it('closes named statements with one Close each and a Sync', () => {
    const bytes = closeStatementsMessage(['a', 'bc']);
    expect(bytes).toEqual(Buffer.concat([message('C', Buffer.from('Sa\0')), message('C', Buffer.from('Sbc\0')), message('S')]));
    expect(completeMessagesLength(bytes)).toBe(bytes.length);
  });
});
