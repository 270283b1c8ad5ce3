import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { architectureDocument } from './architecture-document';
import { type CodeRooms, codeRooms, layers, roomOf, roomsNotLayered } from './code-rooms';

let code: CodeRooms;
beforeAll(async () => {
  code = await codeRooms();
}, 60_000);

describe('the code’s architecture', () => {
  it('keeps every rule of .dependency-cruiser.cjs (no cycle, no function importing another, shared/ never importing up, shipped code never importing test code)', () => {
    expect(code.violations.map((violation) => `${violation.rule.name}: ${violation.from} → ${violation.to}`)).toEqual([]);
  });

  it('has rooms in layers: no cycle between rooms, every arrow pointing down', () => {
    expect(code.rooms).toContain('task');
    expect(code.rooms).toContain('shared/db');
    expect(roomsNotLayered(code)).toEqual([]);
  });

  it('has the drawing of docs/architecture.md up to date (npm run architecture redraws it)', () => {
    expect(readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8')).toBe(architectureDocument(code));
  });
});

describe('rooms and layers', () => {
  it('names a file’s room', () => {
    expect(roomOf('functions/task/src/decide.ts')).toBe('task');
    expect(roomOf('shared/src/db/connect.ts')).toBe('shared/db');
    expect(roomOf('local/main.ts')).toBe('local');
  });

  it('finds the rooms a cycle keeps from being layered, and layers an acyclic graph bottom up', () => {
    const rooms = ['a', 'b', 'c', 'd'];
    expect(roomsNotLayered({ rooms, arrows: [['a', 'b'], ['b', 'c'], ['c', 'a'], ['d', 'a']] })).toEqual(['a', 'b', 'c', 'd']);
    expect(layers({ rooms, arrows: [['a', 'b'], ['b', 'c'], ['d', 'a']] })).toEqual([['c'], ['b'], ['a'], ['d']]);
  });
});
