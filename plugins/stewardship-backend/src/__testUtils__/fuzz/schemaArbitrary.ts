import fc from 'fast-check';

/** A JSON Schema (2020-12, as OpenAPI 3.1 writes it) from the spec, read loosely. */
export type Schema = { readonly [key: string]: any };

/**
 * Values for a property or parameter name that the server can actually accept (an entity that is
 * in the catalog, a configured metric source): without them nearly every generated SLO would stop
 * at the first domain rule and the routes' success paths would never run.
 */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** Follows `$ref`s (`#/components/...`) within `root`. */
export function resolveRef(root: Schema, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; current.$ref; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${schema.$ref}`);
    const pointer = String(current.$ref).replace(/^#\//, '').split('/');
    current = pointer.reduce<any>((node, key) => node?.[key], root);
    if (!current) throw new Error(`Unresolvable $ref ${schema.$ref}`);
  }
  return current;
}

/**
 * Valid values of a schema, as fast-check arbitraries: what a well-behaved client could send.
 * Covers the keywords this spec uses (type, enum, const, pattern, format uuid/date-time/date/uri, length
 * and range bounds, exclusive bounds, required, additionalProperties, maxProperties, items,
 * maxItems, oneOf, and an object's `oneOf` of `required` lists, i.e. "exactly one of").
 * A name in `hints` mixes its values in (5 : 1 against the generic ones).
 */
export function schemaArbitrary(
  root: Schema,
  schema: Schema,
  hints: Hints = {},
  name?: string,
): fc.Arbitrary<unknown> {
  const generic = genericArbitrary(root, resolveRef(root, schema), hints);
  const hint = name === undefined ? undefined : hints[name];
  return hint
    ? fc.oneof(
        { arbitrary: hint, weight: 5 },
        { arbitrary: generic, weight: 1 },
      )
    : generic;
}

function genericArbitrary(
  root: Schema,
  schema: Schema,
  hints: Hints,
): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.type)) {
    // `type: [string, 'null']`: one of the types, the other keywords applying to each.
    return fc.oneof(
      ...schema.type.map((type: string) =>
        genericArbitrary(root, { ...schema, type }, hints),
      ),
    );
  }
  if (schema.oneOf && schema.type !== 'object') {
    return fc.oneof(
      ...schema.oneOf.map((branch: Schema) =>
        schemaArbitrary(root, branch, hints),
      ),
    );
  }
  switch (schema.type) {
    case 'object':
      return objectArbitrary(root, schema, hints);
    case 'array':
      return fc.array(schemaArbitrary(root, schema.items ?? {}, hints), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({
        min: schema.minimum ?? -1000,
        max: schema.maximum ?? Math.max(1000, schema.minimum ?? 0),
      });
    case 'number':
      return fc.double({
        min: schema.exclusiveMinimum ?? schema.minimum ?? -1e6,
        minExcluded: schema.exclusiveMinimum !== undefined,
        max: schema.exclusiveMaximum ?? schema.maximum ?? 1e6,
        maxExcluded: schema.exclusiveMaximum !== undefined,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time') {
    return fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date(Date.now() - 60_000),
        noInvalidDate: true,
      })
      .map(date => date.toISOString());
  }
  if (schema.format === 'date') {
    return fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map(date => date.toISOString().slice(0, 10));
  }
  if (schema.format === 'uri') {
    // A string matching only the pattern (`^https?://`) may be no URI at all ("https://`"), and a
    // "valid" body must be valid in every field for a mutation's 400 to be about that one field.
    const pattern = new RegExp(schema.pattern ?? '');
    return fc
      .webUrl({ validSchemes: ['http', 'https'], size: 'xsmall' })
      .filter(
        url => pattern.test(url) && url.length <= (schema.maxLength ?? 2000),
      );
  }
  if (schema.pattern) {
    return fc
      .stringMatching(new RegExp(schema.pattern), { size: 'xsmall' })
      .filter(text => text.length >= minLength && text.length <= maxLength);
  }
  return fc.string({ unit: 'grapheme', minLength, maxLength });
}

function objectArbitrary(
  root: Schema,
  schema: Schema,
  hints: Hints,
): fc.Arbitrary<unknown> {
  // `oneOf: [{ required: [good] }, { required: [bad] }]` beside properties: exactly one of them.
  const choices: string[][] = (schema.oneOf ?? [])
    .map((branch: Schema) => resolveRef(root, branch).required ?? [])
    .filter((required: string[]) => required.length > 0);
  if (choices.length > 0) {
    return fc.oneof(
      ...choices.map(chosen => {
        const others = choices.flat().filter(key => !chosen.includes(key));
        return plainObject(root, schema, hints, chosen, others);
      }),
    );
  }
  return plainObject(root, schema, hints, [], []);
}

function plainObject(
  root: Schema,
  schema: Schema,
  hints: Hints,
  alsoRequired: string[],
  excluded: string[],
): fc.Arbitrary<unknown> {
  const properties: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries<Schema>(
    schema.properties ?? {},
  )) {
    if (!excluded.includes(key)) {
      properties[key] = schemaArbitrary(root, property, hints, key);
    }
  }
  const requiredKeys = [...(schema.required ?? []), ...alsoRequired].filter(
    key => key in properties,
  );
  const record = fc.record(properties, { requiredKeys });
  const extra = schema.additionalProperties;
  if (!extra || typeof extra !== 'object' || Object.keys(properties).length) {
    return record;
  }
  // A map such as `labels`: keys free, values of the given schema.
  return fc.dictionary(
    hints['<mapKey>']
      ? (hints['<mapKey>'] as fc.Arbitrary<string>)
      : fc.string({ minLength: 1, maxLength: 20 }),
    schemaArbitrary(root, extra, hints),
    { maxKeys: Math.min(schema.maxProperties ?? 4, 4) },
  );
}
