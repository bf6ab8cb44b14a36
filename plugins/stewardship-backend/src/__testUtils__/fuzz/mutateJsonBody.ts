import fc from 'fast-check';
import { badJsonValuesFor } from './badValues';

/** What a body mutation changes in a case. */
export interface MutatedBody {
  label: string;
  target?: string;
  body: { contentType: string; value?: unknown; text?: string };
}

type Path = Array<string | number>;

/**
 * Every position in a JSON value (the root is `[]`), with the value found there. The
 * current-version placeholder counts as one value, as it is sent.
 */
function positions(value: unknown, path: Path = []): Array<[Path, unknown]> {
  const found: Array<[Path, unknown]> = [[path, value]];
  if ((value as { $version?: unknown } | null)?.$version === true) return found;
  if (Array.isArray(value)) {
    value.forEach((item, i) => found.push(...positions(item, [...path, i])));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      found.push(...positions(item, [...path, key]));
    }
  }
  return found;
}

/** The last property name on the path: what a 400 should name. */
const fieldOf = (path: Path) =>
  [...path].reverse().find(key => typeof key === 'string') as
    | string
    | undefined;

/** Sets an own property, even `__proto__`, so that JSON.stringify writes it. */
function define(target: any, key: string | number, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function edit(
  root: unknown,
  path: Path,
  change: (parent: any, key: string | number) => void,
): unknown {
  const copy = JSON.parse(JSON.stringify(root ?? null));
  const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
  change(parent, path[path.length - 1]);
  return copy;
}

const JSON_TYPE = 'application/json';

/**
 * Breaks a valid JSON body in one place: a value of the wrong type or range, a huge or odd
 * string, an unknown field (including `__proto__`), a missing field; or breaks the body as a
 * whole: malformed JSON, a body that is not an object, deep nesting, more than the 1 MB limit,
 * a content type the route does not take.
 */
export function mutateJsonBody(valid: unknown): fc.Arbitrary<MutatedBody> {
  const all = positions(valid);
  const inner = all.filter(([path]) => path.length > 0);
  const objects = all.filter(
    ([, v]) =>
      v !== null &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      (v as { $version?: unknown }).$version !== true,
  );
  // Breaking one field is weighted above breaking the whole body (4 : 2 : 2 : 1 each).
  const mutations: Array<fc.WeightedArbitrary<MutatedBody>> = [];
  const add = (weight: number, arbitrary: fc.Arbitrary<MutatedBody>) =>
    mutations.push({ weight, arbitrary });
  if (inner.length) {
    add(
      4,
      fc
        .constantFrom(...inner)
        .chain(([path, value]) =>
          badJsonValuesFor(value).map(bad => [path, bad] as const),
        )
        .map(([path, bad]) => ({
          label: `body.${fieldOf(path) ?? '(item)'} ${bad.why}`,
          target: fieldOf(path),
          body: {
            contentType: JSON_TYPE,
            value: edit(valid, path, (p, k) => define(p, k, bad.value)),
          },
        })),
    );
  }
  if (objects.length) {
    const withKeys = objects.filter(([, v]) => Object.keys(v as {}).length);
    add(
      2,
      fc
        .tuple(
          fc.constantFrom(...objects),
          fc.constantFrom('__proto__', 'constructor', 'x-extra', 'toString'),
        )
        .map(([[path], key]) => ({
          label: 'body unknown-field',
          // The validator names the object that has the extra field, not the field.
          target: fieldOf(path) ?? 'body',
          body: {
            contentType: JSON_TYPE,
            value: edit(valid, [...path, key], (p, k) =>
              define(p, k, { polluted: true }),
            ),
          },
        })),
    );
    if (withKeys.length) {
      add(
        2,
        fc
          .tuple(fc.constantFrom(...withKeys), fc.nat())
          .map(([[path, v], n]) => {
            const keys = Object.keys(v as {});
            const key = keys[n % keys.length];
            return {
              label: 'body missing-field',
              target: key,
              body: {
                contentType: JSON_TYPE,
                value: edit(valid, [...path, key], (p, k) => delete p[k]),
              },
            };
          }),
      );
    }
  }
  const text = JSON.stringify(valid) ?? '';
  const raw = (label: string, contentType: string, ...texts: string[]) =>
    fc
      .constantFrom(...texts)
      .map(t => ({ label, body: { contentType, text: t } }));
  for (const arbitrary of [
    raw(
      'body malformed-json',
      JSON_TYPE,
      text.slice(0, Math.floor(text.length / 2)),
      `${text.slice(0, -1)},}`,
      text.replace(':', '='),
      `\u0000${text}`,
      "{'name': 'x'}",
      'NaN',
      '{"a":1}{"b":2}',
    ),
    raw(
      'body not-an-object',
      JSON_TYPE,
      '[]',
      '"x"',
      '1',
      'null',
      'true',
      '[{}]',
    ),
    raw(
      'body deep-nesting',
      JSON_TYPE,
      '['.repeat(100_000),
      `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
      `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`,
    ),
    // 1.1 MB of UTF-8 either way: a 🚀 is 4 bytes.
    fc.constantFrom('a', '🚀').map(unit => ({
      label: 'body over-1mb',
      body: {
        contentType: JSON_TYPE,
        value: {
          ...(valid as object),
          description: unit.repeat(unit === 'a' ? 1_100_000 : 275_000),
        },
      },
    })),
    fc
      .constantFrom(
        ['text/plain', text],
        ['application/x-www-form-urlencoded', 'a=1'],
        ['application/xml', '<slo/>'],
        ['application/json; charset=utf-16', text],
      )
      .map(([contentType, t]) => ({
        label: 'body wrong-content-type',
        body: { contentType, text: t },
      })),
  ]) {
    add(1, arbitrary);
  }
  return fc.oneof(...mutations);
}
