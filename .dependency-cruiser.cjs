/**
 * The architecture as rules, checked on every import (`npm run lint`): the rooms are the functions,
 * shared/ and the local system; arrows go from a function to shared/, never between functions, never
 * from shared/ back up into a function or the local system, never from shipped code into test code;
 * and no cycles anywhere. `npm run architecture` draws the same graph.
 */
/** Tests, contract suites run by tests, test kits, and the test-support folders. */
const TEST_CODE = ['\\.test\\.ts$', '\\.contract\\.ts$', '-test-kit\\.ts$', '^functions/[^/]+/test/', '^shared/src/testing/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'A cycle makes two modules one: untangle it.', from: {}, to: { circular: true } },
    {
      name: 'no-function-to-function',
      severity: 'error',
      comment: 'Functions talk through events and HTTP only; shared code goes to shared/. One exception: the chat test kit mounts the real task function beside chat.',
      from: { path: '^functions/([^/]+)/', pathNot: '^functions/chat/test/chat-test-kit\\.ts$' },
      to: { path: '^functions/([^/]+)/', pathNot: '^functions/$1/' },
    },
    {
      name: 'shared-not-up',
      severity: 'error',
      comment: 'shared/ is the bottom layer. Test support (shared/src/testing, tests) sits above everything and may start the systems.',
      from: { path: '^shared/', pathNot: TEST_CODE },
      to: { path: '^(functions|local|scripts|bench)/' },
    },
    {
      name: 'shipped-code-not-to-test-code',
      severity: 'error',
      comment: 'What a bundle runs never reaches test kits, fakes or fixtures.',
      from: { path: '^(functions/[^/]+/src|shared/src)/', pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^\\.data/', '^\\.run/', '^\\.cache/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.mts', '.mjs', '.js', '.json'] },
  },
};
