import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOPICS } from '#shared/events/topics';
import { FUNCTION_NAMES } from '#shared/system/system-declaration';
import { systemDiagram, withSystemDiagram } from '#shared/system/system-diagram';

describe("the README's system diagram", () => {
  it('is the one the system declaration draws (run `npm run diagram` after changing the declaration)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(withSystemDiagram(readme)).toBe(readme);
  });

  it('shows every function and topic', () => {
    const diagram = systemDiagram();
    for (const name of [...FUNCTION_NAMES, ...Object.values(TOPICS)]) expect(diagram).toMatch(new RegExp(`\\b${name}\\b`));
  });
});
