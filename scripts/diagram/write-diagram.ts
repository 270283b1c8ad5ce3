import { readFileSync, writeFileSync } from 'node:fs';
import { withSystemDiagram } from '#shared/system/system-diagram';

// `npm run diagram` redraws the README's system diagram from the system declaration.
const path = new URL('../../README.md', import.meta.url);
writeFileSync(path, withSystemDiagram(readFileSync(path, 'utf8')));
console.log('wrote the system diagram in README.md');
