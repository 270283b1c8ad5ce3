import { existsSync, readFileSync } from 'node:fs';
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

describe("the README's table of functions", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const rows = new Map([...readme.matchAll(/^\| \[`([a-z-]+)`\]\(([^)]+)\) \|/gm)].map((match) => [match[1]!, match[2]!]));

  it('has a row for each declared function, in order, linking its own README', () => {
    expect([...rows.keys()]).toEqual(FUNCTION_NAMES);
    for (const [name, link] of rows) {
      expect(link, name).toMatch(new RegExp(`^functions/${name}/(src/)?README\\.md$`));
      expect(existsSync(new URL(`../../${link}`, import.meta.url)), link).toBe(true);
    }
  });
});

