// One version of a CRD as a strict JSON Schema, the way the other CRD schemas here were made (README.md,
// "Conversion"); it reproduces the vendored Dapr schemas byte for byte from the same CRDs.
// Usage: node scripts/k8s-schemas/crd-to-json-schema.mjs <crd.yaml> <version> > <kind>_<version>.json
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const [file, version] = process.argv.slice(2);
const crd = parse(readFileSync(file, 'utf8'));
const schema = crd.spec.versions.find((v) => v.name === version)?.schema?.openAPIV3Schema;
if (!schema) throw new Error(`${file}: no openAPIV3Schema for version ${version}`);

const BRANCHES = new Set(['allOf', 'anyOf', 'oneOf', 'not']);

/** Go's case-insensitive flag, which ECMAScript patterns (Ajv) cannot compile, as [xX] classes. */
function ecmaPattern(pattern) {
  if (!pattern.includes('(?i)')) return pattern;
  const rest = pattern.replace('(?i)', '');
  if (/[[\\]|\(\?/.test(rest)) throw new Error(`pattern ${pattern}: only (?i) over plain letters is rewritten`);
  return rest.replace(/[a-z]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

function strict(node, root) {
  if (Array.isArray(node)) return node.forEach((item) => strict(item, false));
  if (!node || typeof node !== 'object') return;
  if (!root && node.properties && !('additionalProperties' in node) && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    node.additionalProperties = false;
  }
  if (typeof node.pattern === 'string') node.pattern = ecmaPattern(node.pattern);
  for (const [key, value] of Object.entries(node)) if (!BRANCHES.has(key)) strict(value, false);
}

strict(schema, true);
process.stdout.write(JSON.stringify(schema, null, 2) + '\n');
