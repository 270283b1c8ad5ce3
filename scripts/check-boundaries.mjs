import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * ESLint rule: a function never imports another function's files, and shared code never imports
 * any function. Functions share code only through `shared/` (the `#shared/*` import alias).
 * Option `imports`: the package.json `imports` map, so aliases are resolved like relative paths.
 * @example rules: { 'local/function-boundaries': ['error', { imports: pkg.imports }] }
 */
export const functionBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each function self-contained: no imports across functions/<name>/ or from shared/ into functions/' },
    schema: [{ type: 'object', properties: { imports: { type: 'object' } }, additionalProperties: false }],
    messages: {
      crossFunction: "functions/{{from}} must not import functions/{{to}} ('{{source}}'); move the shared part to shared/src.",
      sharedToFunction: "shared/ must not import functions/{{to}} ('{{source}}').",
    },
  },
  create(context) {
    const root = context.cwd;
    const aliases = context.options[0]?.imports ?? {};
    const from = area(relative(root, context.filename));
    if (!from) return {};

    function check(node, source) {
      if (typeof source !== 'string') return;
      const target = resolveSpecifier(source, { root, importer: context.filename, aliases });
      const to = target && area(relative(root, target));
      if (to?.kind !== 'function') return;
      if (from.kind === 'shared') {
        context.report({ node, messageId: 'sharedToFunction', data: { to: to.name, source } });
      } else if (from.name !== to.name) {
        context.report({ node, messageId: 'crossFunction', data: { from: from.name, to: to.name, source } });
      }
    }

    const checkSource = (node) => check(node.source, node.source?.value);
    return {
      ImportDeclaration: checkSource,
      ExportNamedDeclaration: checkSource,
      ExportAllDeclaration: checkSource,
      ImportExpression: checkSource,
      TSImportType: checkSource,
      TSExternalModuleReference: (node) => check(node.expression, node.expression.value),
      'CallExpression[callee.name="require"]': (node) => check(node.arguments[0], node.arguments[0]?.value),
    };
  },
};

/** `{ kind: 'function', name }` for functions/<name>/…, `{ kind: 'shared' }` for shared/…, else undefined. */
function area(pathFromRoot) {
  const [top, name, ...rest] = pathFromRoot.split(sep);
  if (top === 'functions' && name && rest.length > 0) return { kind: 'function', name };
  if (top === 'shared' && name) return { kind: 'shared' };
  return undefined;
}

/** The absolute path an import points at, or undefined for a package from node_modules. */
function resolveSpecifier(source, { root, importer, aliases }) {
  if (source.startsWith('.')) return resolve(dirname(importer), source);
  if (isAbsolute(source)) return source;
  if (source.startsWith('#')) {
    for (const [pattern, target] of Object.entries(aliases)) {
      const [prefix, suffix = ''] = pattern.split('*');
      const matches = pattern.includes('*')
        ? source.startsWith(prefix) && source.endsWith(suffix)
        : source === pattern;
      if (!matches || typeof target !== 'string') continue;
      const star = source.slice(prefix.length, source.length - suffix.length);
      return resolve(root, target.replace('*', star));
    }
    return undefined;
  }
  // A bare `functions/…` would only resolve through a path alias; treat it as repo-relative.
  if (source.startsWith('functions/')) return resolve(root, source);
  return undefined;
}
