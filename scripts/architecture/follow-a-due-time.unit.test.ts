import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const walk = readFileSync(`${root}docs/follow-a-due-time.md`, 'utf8');
const steps = [...walk.matchAll(/^\| (\d+) \| `([^`]+)` \| `([^`]+)` \|/gm)].map(([, step, file, name]) => ({ step: Number(step), file: file!, name: name! }));

describe('docs/follow-a-due-time.md', () => {
  it('has its steps in order', () => {
    expect(steps.length).toBeGreaterThan(10);
    expect(steps.map((step) => step.step)).toEqual(steps.map((_, index) => index + 1));
  });

  it.each(steps)('step $step: $name is in $file', ({ file, name }) => {
    expect(existsSync(`${root}${file}`), file).toBe(true);
    expect(readFileSync(`${root}${file}`, 'utf8')).toContain(name);
  });
});
