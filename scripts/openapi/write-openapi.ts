import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSystem } from '#shared/runtime/start-system';
import { localModules } from '../../local/modules';
import { apiReference, type OpenApi } from './api-reference';

/** The whole system's API description as the one-process system serves it: `docs/openapi.json` and `docs/api.md`. */
export async function servedOpenApi(): Promise<OpenApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'todo-openapi-'));
  const system = await startSystem({ env: { SERVICE_NAME: 'todo-local', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }, modules: localModules, handleSignals: false });
  try {
    return (await (await fetch(`${system.url}/openapi.json`)).json()) as OpenApi;
  } finally {
    await system.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const documentText = (document: OpenApi) => `${JSON.stringify(document, null, 2)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const document = await servedOpenApi();
  const docs = new URL('../../docs/', import.meta.url);
  writeFileSync(new URL('openapi.json', docs), documentText(document));
  writeFileSync(new URL('api.md', docs), apiReference(document));
  console.log('wrote docs/openapi.json and docs/api.md');
}
