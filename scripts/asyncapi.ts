import { writeFileSync } from 'node:fs';
import { asyncApiDocument } from '#shared/asyncapi/index';

// `npm run asyncapi` writes docs/asyncapi.json; `npm run asyncapi -- --stdout` prints it instead.
const json = `${JSON.stringify(asyncApiDocument(), null, 2)}\n`;
if (process.argv.includes('--stdout')) process.stdout.write(json);
else {
  writeFileSync(new URL('../docs/asyncapi.json', import.meta.url), json);
  console.log('wrote docs/asyncapi.json');
}
