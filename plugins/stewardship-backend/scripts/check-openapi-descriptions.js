#!/usr/bin/env node
/*
 * Fails when a property or a parameter of src/schema/openapi.yaml has no `description`, so an API
 * user never has to read the code to learn a field's unit, rounding or when it is absent.
 * Run by the root `yarn lint:openapi` (scripts/test.sh's lint step), after the spec is validated.
 *
 * Described means:
 *   - a property (every entry of a schema's `properties`, at any depth: request bodies,
 *     responses, oneOf branches, array items) has a non-empty `description` of its own, or is a
 *     bare `$ref` to a component schema that has one;
 *   - a parameter (components.parameters and every operation's or path's inline parameters) has a
 *     non-empty `description`; a `$ref` parameter is described by the component it names.
 * YAML merge keys (`<<`) are expanded as the router generator expands them, so properties shared
 * that way are checked once per schema that receives them.
 */
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');

const packageDir = path.resolve(__dirname, '..');
const yamlPath = path.resolve(
  process.argv[2] ?? path.join(packageDir, 'src/schema/openapi.yaml'),
);
const spec = parse(fs.readFileSync(yamlPath, 'utf8'), { merge: true });

const described = node =>
  typeof node?.description === 'string' && node.description.trim() !== '';

const pointer = parts =>
  `#/${parts
    .map(p => String(p).replace(/~/g, '~0').replace(/\//g, '~1'))
    .join('/')}`;

const resolve = ref => {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, key) => (node === undefined ? undefined : node[key]), spec);
};

const missing = [];

// Keys whose values are data, not schemas: a `properties` key inside them is not a schema's.
const DATA_KEYS = new Set(['example', 'examples', 'default', 'const', 'enum']);

function checkParameters(parameters, at) {
  if (!Array.isArray(parameters)) return;
  parameters.forEach((parameter, i) => {
    const target = parameter?.$ref ? resolve(parameter.$ref) : parameter;
    if (!described(target)) {
      const name = target?.name ?? parameter?.$ref ?? '?';
      missing.push(`parameter ${name} at ${pointer([...at, i])}`);
    }
  });
}

function walk(node, at) {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, [...at, i]));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYS.has(key)) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, property] of Object.entries(value)) {
        const own = described(property);
        const viaRef = property?.$ref && described(resolve(property.$ref));
        if (!own && !viaRef) {
          missing.push(`property ${name} at ${pointer([...at, key, name])}`);
        }
      }
    }
    if (key === 'parameters' && Array.isArray(value)) {
      checkParameters(value, [...at, key]);
    }
    walk(value, [...at, key]);
  }
}

walk(spec.paths ?? {}, ['paths']);
walk(spec.components?.schemas ?? {}, ['components', 'schemas']);
walk(spec.components?.requestBodies ?? {}, ['components', 'requestBodies']);
walk(spec.components?.responses ?? {}, ['components', 'responses']);
for (const [name, parameter] of Object.entries(
  spec.components?.parameters ?? {},
)) {
  if (!described(parameter)) {
    missing.push(
      `parameter ${parameter?.name ?? name} at ${pointer([
        'components',
        'parameters',
        name,
      ])}`,
    );
  }
  walk(parameter, ['components', 'parameters', name]);
}

const file = path.relative(process.cwd(), yamlPath);
if (missing.length > 0) {
  for (const line of missing) console.error(`${file}: no description: ${line}`);
  console.error(
    `${missing.length} propert(ies)/parameter(s) in ${file} have no description: say what each is, its unit, and when it is absent or null.`,
  );
  process.exit(1);
}
console.log(`${file}: every property and parameter has a description`);
