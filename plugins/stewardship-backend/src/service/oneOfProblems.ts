/*
 * A body value that fits none of a `oneOf` without a discriminator (an SLO's alert policy, a
 * ratio SLI's good or bad) makes the validator report every branch's problems at once, then
 * `must match exactly one schema in oneOf`. Here those are narrowed to the branch the caller
 * evidently meant: the one that names the most of the value's fields. Its problems are found by
 * checking the value against that branch alone, with an Ajv set up like the validator's (JSON
 * Schema 2020-12, all errors, full formats, with the major version of ajv-formats the validator
 * (express-openapi-validator) uses, so a branch with formats would be judged alike), so they read
 * as the validator's do and are reworded the same way. When the value's fields do not single out a
 * branch, the branches' shapes are listed instead, with the problems they all share.
 */
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** A JSON schema, as the spec holds it (only what the messages need). */
export type Schema = {
  $ref?: string;
  type?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  allOf?: Schema[];
  discriminator?: { propertyName: string };
  const?: unknown;
  enum?: unknown[];
};

/** A pointer's segments as the caller wrote them: `~1` is `/`, `~0` is `~`. */
export const unescapeSegment = (segment: string) =>
  segment.replace(/~1/g, '/').replace(/~0/g, '~');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function resolve(
  schema: Schema | undefined,
  spec: unknown,
): Schema | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 10; hops++) {
    current = current.$ref
      .replace(/^#\//, '')
      .split('/')
      .map(unescapeSegment)
      .reduce<any>((node, key) => node?.[key], spec);
  }
  return current;
}

/** The fields a branch names: its properties and its required fields. */
const fieldsOf = (schema: Schema) => [
  ...new Set([
    ...Object.keys(schema.properties ?? {}),
    ...(schema.required ?? []),
  ]),
];

/**
 * The branches of a `oneOf` without a discriminator that the value evidently means: the one that
 * names the most of the value's fields (a field every branch names counts for all alike); on a
 * tie, the one of the tied whose required fields are all there, else all the tied (every branch
 * when the value has none of their fields, or is not an object).
 */
export function meantBranches(branches: Schema[], value: unknown): number[] {
  const keys = isObject(value) ? Object.keys(value) : [];
  const scores = branches.map(
    option => fieldsOf(option).filter(field => keys.includes(field)).length,
  );
  const best = Math.max(...scores);
  const tied = branches.flatMap((_, i) => (scores[i] === best ? [i] : []));
  const complete = isObject(value)
    ? tied.filter(i =>
        (branches[i].required ?? []).every(field => keys.includes(field)),
      )
    : [];
  return complete.length === 1 ? complete : tied;
}

/**
 * The schema the value is checked against: the schema itself, or the branch of its `oneOf` that
 * the value's discriminator picks, or, without a discriminator, the branch the value means
 * ({@link meantBranches}); undefined when that cannot be told.
 */
export function branch(
  schema: Schema,
  value: unknown,
  spec: unknown,
): Schema | undefined {
  const property = schema.discriminator?.propertyName;
  // A oneOf of `required` lists only (a ratio SLI's good or bad) leaves the properties as listed.
  if (!schema.oneOf || (!property && schema.properties)) return schema;
  const options = schema.oneOf.map(option => resolve(option, spec) ?? {});
  if (!property) {
    const meant = meantBranches(options, value);
    return meant.length === 1 ? options[meant[0]] : undefined;
  }
  if (!isObject(value)) return undefined;
  const picked = value[property];
  return options.find(option => {
    const tag = option.properties?.[property];
    return tag?.const === picked || tag?.enum?.includes(picked);
  });
}

/**
 * The schema of the body at a validator pointer (`/alertPolicies/0`) and the value there,
 * following properties, items and the branches values pick; schema undefined when it cannot be
 * told.
 */
export function schemaAt(
  bodySchema: Schema | undefined,
  body: unknown,
  pointer: string,
  spec: unknown,
): { schema?: Schema; value: unknown } {
  let schema = resolve(bodySchema, spec);
  let value = body;
  for (const segment of pointer.split('/').filter(Boolean)) {
    schema = schema && branch(schema, value, spec);
    if (!schema || typeof value !== 'object' || value === null) {
      return { value: undefined };
    }
    const key = unescapeSegment(segment);
    schema = resolve(
      Array.isArray(value) ? schema.items : schema.properties?.[key],
      spec,
    );
    value = (value as Record<string, unknown>)[key];
  }
  return { schema, value };
}

let ajv: Ajv2020 | undefined;

/** An Ajv as the request validator's: OpenAPI 3.1 is JSON Schema 2020-12. */
function validatorAjv(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({
      allErrors: true,
      discriminator: true,
      coerceTypes: false,
      // The spec's own keywords (`description`, `example`) and formats Ajv does not know.
      strict: false,
      logger: false,
    });
    addFormats(ajv, { mode: 'full' });
  }
  return ajv;
}

/**
 * Per spec schema: its branches' validators and the rest's, compiled with that spec's components.
 * Keyed by the schema alone: one spec per process (the generated constant); a test that varies
 * a spec passes copies.
 */
const compiled = new WeakMap<
  Schema,
  { branches: ValidateFunction[]; rest: ValidateFunction }
>();

function validatorsOf(schema: Schema, branches: Schema[], spec: unknown) {
  let found = compiled.get(schema);
  if (!found) {
    // `#/components/…` references resolve against the compiled root: give it the spec's.
    const components = (spec as { components?: unknown }).components;
    const compile = (part: Schema) =>
      validatorAjv().compile({ ...part, components });
    const { oneOf: _oneOf, discriminator: _discriminator, ...rest } = schema;
    found = { branches: branches.map(compile), rest: compile(rest) };
    compiled.set(schema, found);
  }
  return found;
}

/** Ajv's error as the validator writes it (an enum's allowed values listed). */
function problemText(prefix: string, error: ErrorObject): string {
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  const message =
    error.keyword === 'enum' && allowed
      ? `${error.message}: ${allowed.join(', ')}`
      : error.message;
  return `${prefix}${error.instancePath} ${message}`;
}

/** A branch as the caller would write it: `{severity, budgetPercent, within}`, or its type. */
function shape(schema: Schema): string | undefined {
  const fields = schema.required?.length
    ? schema.required
    : Object.keys(schema.properties ?? {});
  if (fields.length > 0) return `{${fields.join(', ')}}`;
  if (typeof schema.type === 'string' && schema.type !== 'object') {
    return schema.type;
  }
  return undefined;
}

/** `must have the fields of one of: {preset}, {severity, budgetPercent, within}`. */
function shapesText(branches: Schema[], only: boolean): string {
  const shapes = branches.map(shape);
  const list = shapes.map(text => text ?? 'another form').join(', ');
  const which = only ? 'only one of' : 'one of';
  return shapes.every(text => text?.startsWith('{'))
    ? `must have the fields of ${which}: ${list}`
    : `must match ${which}: ${list}`;
}

/** The problems of the message with those of the failing `oneOf` at `pointer` narrowed. */
function narrowAt(
  problems: string[],
  pointer: string,
  body: unknown,
  bodySchema: Schema | undefined,
  spec: unknown,
): string[] | undefined {
  const at = schemaAt(bodySchema, body, pointer, spec);
  let schema = at.schema;
  // A discriminated oneOf (SLI kinds, time windows) reports the picked form's problems only;
  // that form may hold a oneOf of its own (a ratio SLI's good or bad).
  while (schema?.discriminator) schema = branch(schema, at.value, spec);
  if (!schema?.oneOf || schema.discriminator) return undefined;
  const branches = schema.oneOf.map(option => resolve(option, spec) ?? {});
  const validators = validatorsOf(schema, branches, spec);
  const prefix = `request/body${pointer}`;
  const errorsOf = (validate: ValidateFunction) =>
    validate(at.value) ? [] : validate.errors ?? [];
  const found = validators.branches.map(validate =>
    errorsOf(validate).map(error => problemText(prefix, error)),
  );
  // Problems the schema has besides its oneOf (a ratio SLI's `total`) stay.
  const rest = new Set(
    errorsOf(validators.rest).map(error => problemText(prefix, error)),
  );
  const fitting = branches.flatMap((_, i) => (found[i].length ? [] : [i]));
  let narrowed: string[];
  if (fitting.length > 1) {
    narrowed = [
      `${prefix} ${shapesText(
        fitting.map(i => branches[i]),
        true,
      )}`,
    ];
  } else if (fitting.length === 1) {
    // This oneOf holds: the validator's problem is another's.
    return undefined;
  } else {
    const meant = meantBranches(branches, at.value);
    if (meant.length === 1) {
      narrowed = found[meant[0]];
    } else {
      // The problems the candidates share, but for the fields the value lacks or has beyond a
      // branch's: the shapes listed say those.
      const shared = errorsOf(validators.branches[meant[0]])
        .filter(
          error =>
            error.instancePath !== '' ||
            !['required', 'additionalProperties'].includes(error.keyword),
        )
        .map(error => problemText(prefix, error))
        .filter(problem => meant.every(i => found[i].includes(problem)));
      narrowed = [
        ...shared,
        `${prefix} ${shapesText(
          meant.map(i => branches[i]),
          false,
        )}`,
      ];
    }
  }
  const dropped = new Set([
    `${prefix} must match exactly one schema in oneOf`,
    ...found.flat().filter(problem => !rest.has(problem)),
  ]);
  const result: string[] = [];
  let placed = false;
  for (const problem of problems) {
    if (!dropped.has(problem)) {
      result.push(problem);
    } else if (!placed) {
      result.push(...narrowed.filter(text => !result.includes(text)));
      placed = true;
    }
  }
  return result;
}

const ONE_OF = /^request\/body(\S*) must match exactly one schema in oneOf$/;

/**
 * The validator's message with the problems of each failing body `oneOf` without a
 * discriminator narrowed to the branch the value means, or, when its fields do not say, to the
 * branches' shapes (`request/body/alertPolicies/0 must have the fields of one of: {preset},
 * {severity, budgetPercent, within}, …`); a value that fits several branches is told to fit only
 * one. Problems elsewhere stay as they are; a message that cannot be narrowed is returned as is.
 */
export function narrowOneOfProblems(
  message: string,
  body: unknown,
  bodySchema: Schema | undefined,
  spec: unknown,
): string {
  let problems = message.split(/, (?=request\/)/);
  const done = new Set<string>();
  for (;;) {
    const pointer = problems
      .map(problem => ONE_OF.exec(problem)?.[1])
      .find(found => found !== undefined && !done.has(found));
    if (pointer === undefined) break;
    done.add(pointer);
    try {
      problems =
        narrowAt(problems, pointer, body, bodySchema, spec) ?? problems;
    } catch {
      // A schema Ajv cannot compile alone: the validator's message stays.
    }
  }
  return problems.join(', ');
}
