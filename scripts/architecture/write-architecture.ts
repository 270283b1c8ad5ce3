import { writeFileSync } from 'node:fs';
import { architectureDocument } from './architecture-document';
import { codeRooms } from './code-rooms';

// `npm run architecture` redraws docs/architecture.md from the imports.
writeFileSync(new URL('../../docs/architecture.md', import.meta.url), architectureDocument(await codeRooms()));
console.log('wrote docs/architecture.md');
