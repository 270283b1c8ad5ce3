import { defineConfig, globalIgnores } from 'eslint/config';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

const TEST_FILES = ['**/*.test.ts', '**/*-test-kit.ts'];
const NEW_EVENT_ONLY_BY_DECLARATION = {
  name: '#shared/events/new-event',
  importNames: ['newEvent'],
  message: "Use eventsOf('<function>') from #shared/system/function-events.",
};
const LANGUAGE_BY_INDEX = { regex: '/language/[^/]+$', message: 'Import the chat language from its index (…/language).' };

export default defineConfig(
  globalIgnores(['dist/', '.data/', '.run/', '.cache/']),
  tseslint.configs.recommended,
  regexp.configs['flat/recommended'],
  {
    name: 'todo/overrides',
    rules: {
      // `const { id: _id, ...rest } = event` is how a field is dropped; `_` marks it intentional.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // One chat message must never freeze the event loop: a pattern that backtracks super-linearly on some
    // input is an error, also when it is searched for anywhere in a string (no `^`).
    name: 'todo/linear-regexps',
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      // Style rules of the recommended set, off: they would rewrite working patterns for taste alone.
      'regexp/prefer-w': 'off',
      'regexp/use-ignore-case': 'off',
      'regexp/prefer-character-class': 'off',
      'regexp/no-useless-non-capturing-group': 'off',
      'regexp/no-unused-capturing-group': 'off',
      'regexp/no-dupe-characters-character-class': 'off',
      'regexp/no-useless-range': 'off',
      'regexp/control-character-escape': 'off',
      // `()` stands for "no value" in the chat's phrase tables.
      'regexp/no-empty-capturing-group': 'off',
      'regexp/no-empty-group': 'off',
      // Plain text is checked for control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // A function writes events through eventsOf('<name>'), which accepts only the types its declaration
    // (shared/src/system/system-declaration.ts) says it emits.
    name: 'todo/declared-events',
    files: ['functions/**/*.ts'],
    // Tests build the events other functions write, as the input they deliver.
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { paths: [NEW_EVENT_ONLY_BY_DECLARATION] }] },
  },
  {
    // The chat's language is a library: the rest of the chat (and its tests outside the library) import
    // it through functions/chat/src/language/index.ts only, never one of its modules. (A later block's
    // no-restricted-imports replaces an earlier one's, so the chat's production files repeat the
    // declared-events restriction.)
    name: 'todo/chat-language-library',
    files: ['functions/chat/**/*.ts'],
    ignores: ['functions/chat/src/language/**', ...TEST_FILES],
    rules: { 'no-restricted-imports': ['error', { paths: [NEW_EVENT_ONLY_BY_DECLARATION], patterns: [LANGUAGE_BY_INDEX] }] },
  },
  {
    name: 'todo/chat-language-library-in-tests',
    files: [...TEST_FILES.map((glob) => `functions/chat/${glob}`), 'functions/chat/test/**/*.ts', 'bench/**/*.ts'],
    ignores: ['functions/chat/src/language/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LANGUAGE_BY_INDEX] }] },
  },
);
