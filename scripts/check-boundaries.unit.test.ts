import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { functionBoundaries } from './check-boundaries.mjs';

const root = '/repo';
const linter = new Linter({ cwd: root });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { local: { rules: { 'function-boundaries': functionBoundaries } } },
    rules: { 'local/function-boundaries': ['error', { imports: { '#shared/*': './shared/src/*.ts' } }] },
  },
];

function lint(file: string, code: string) {
  return linter.verify(code, config, { filename: `${root}/${file}` }).map((problem) => problem.message);
}

describe('function-boundaries', () => {
  it('flags a function importing another function relatively', () => {
    const problems = lint('functions/task/src/main.ts', "import { decide } from '../../reminder/src/decide';");

    expect(problems).toEqual([
      "functions/task must not import functions/reminder ('../../reminder/src/decide'); move the shared part to shared/src.",
    ]);
  });

  it('flags re-exports, type imports, dynamic imports and bare functions/ paths', () => {
    const problems = lint(
      'functions/task/src/routes/tasks.ts',
      [
        "export * from '../../../reminder/src/schema';",
        "import type { Reminder } from '../../../reminder/src/schema';",
        "const loaded = await import('../../../reminder/src/main');",
        "import 'functions/reminder/src/main';",
      ].join('\n'),
    );

    expect(problems).toHaveLength(4);
  });

  it('accepts #shared imports, packages and files of the same function', () => {
    const problems = lint(
      'functions/task/src/main.ts',
      [
        "import { connect } from '#shared/db/connect';",
        "import { Hono } from 'hono';",
        "import { decide } from './decide';",
        "import { taskRows } from '../src/task-rows';",
      ].join('\n'),
    );

    expect(problems).toEqual([]);
  });

  it('flags shared code importing a function', () => {
    const problems = lint('shared/src/events/catalog.ts', "import { TaskCreated } from '../../../functions/task/src/task-schema';");

    expect(problems).toEqual(["shared/ must not import functions/task ('../../../functions/task/src/task-schema')."]);
  });

  it('lets the local system compose every function', () => {
    const problems = lint('local/main.ts', "import { createApp } from '../functions/task/src/app';");

    expect(problems).toEqual([]);
  });
});
