import { InputError } from '@backstage/errors';
import { UnsupportedMediaTypeError } from './requestBodyErrors';
import type { Request, RequestHandler } from 'express';
import { jsonBody } from './jsonBody';
import { textBody } from './textBody';
import { branch, resolve as resolveSchema, Schema } from './oneOfProblems';
import { notTakenFieldsText, PROBLEMS_SAID } from './validationMessages';
import {
  SpecDocument as Spec,
  SpecParameter as Parameter,
  specParameterResolver,
  specPathPattern,
} from './specPaths';

type Operation = {
  method: string;
  /** The path as the spec writes it (`/slos/{id}/evaluate`), for the message. */
  path: string;
  pattern: RegExp;
  /** Literal segments: `/slos/overview` is preferred to `/slos/{id}`, as the router does. */
  literals: number;
  /** The media types of its `requestBody`; none when it takes no body. */
  contentTypes: string[];
  /** The schema of its JSON body, when it takes one. */
  jsonSchema?: Schema;
  queryParameters: Set<string>;
};

// HEAD is answered as GET (express's rule), so it needs no entry of its own.
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options'];

/** The spec's operations with what the check needs of each. */
function operationsOf(spec: Spec): Operation[] {
  const resolve = specParameterResolver(spec);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    const pathParameters = (item.parameters ?? []) as Parameter[];
    const pattern = specPathPattern(path);
    const literals = path
      .split('/')
      .filter(segment => segment && !segment.startsWith('{')).length;
    for (const method of METHODS) {
      const operation = item[method] as
        | {
            requestBody?: {
              content?: Record<string, { schema?: Schema } | undefined>;
            };
            parameters?: Parameter[];
          }
        | undefined;
      if (!operation) continue;
      const queryParameters = new Set(
        [...pathParameters, ...(operation.parameters ?? [])]
          .map(resolve)
          .filter(parameter => parameter?.in === 'query' && parameter.name)
          .map(parameter => parameter!.name!),
      );
      operations.push({
        method,
        path,
        pattern,
        literals,
        contentTypes: Object.keys(operation.requestBody?.content ?? {}),
        jsonSchema:
          operation.requestBody?.content?.['application/json']?.schema,
        queryParameters,
      });
    }
  }
  return operations;
}

/** Whether the request says it carries a body: a length over zero, or chunked. */
function announcesBody(req: Request): boolean {
  const length = Number(req.headers['content-length']);
  return (
    (Number.isFinite(length) && length > 0) ||
    req.headers['transfer-encoding'] !== undefined
  );
}

/**
 * Whether the request came with a body: a parsed one with something in it (`{}` and an empty or
 * blank text are nothing; clients send them for "no body"), or one no parser read (a type none
 * takes) that has a length or is chunked.
 */
function hasBody(req: Request): boolean {
  if ((req as { _body?: boolean })._body) {
    const { body } = req;
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      return body.toString().trim() !== '';
    }
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      return Object.keys(body).length > 0;
    }
    return body !== undefined;
  }
  return announcesBody(req);
}

/** The body's top-level keys, when it is a JSON object. */
function bodyKeys(req: Request): string[] {
  const { body } = req;
  return (req as { _body?: boolean })._body &&
    body &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    !Buffer.isBuffer(body)
    ? Object.keys(body)
    : [];
}

/**
 * The most fields an object may have that its schema does not take before the body is refused
 * unchecked: the validator would report each as a problem. As many as a message names.
 */
const UNKNOWN_FIELDS_SAID = PROBLEMS_SAID;

/** Runs the parsers in turn (each reads only its own types), stopping at the first error. */
function inTurn(parsers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    const run = (index: number) => (error?: unknown) => {
      if (error || index === parsers.length) {
        next(error);
        return;
      }
      parsers[index](req, res, run(index + 1));
    };
    run(0)();
  };
}

/** A schema with the limits a body is held to before the validator checks it. */
type Bounded = Schema & {
  maxItems?: number;
  maxProperties?: number;
  additionalProperties?: boolean | Schema;
};

/**
 * The forms of a schema a value is checked against: all of `every` (the schema, and the form its
 * discriminator picks: the validator checks that one only), and one of `oneOf` (the forms of a
 * `oneOf` without a discriminator: the validator checks each).
 */
type Forms = { every: Bounded[]; oneOf: Bounded[] };

function formsOf(schema: Bounded, value: unknown, spec: Spec): Forms {
  if (!schema.oneOf) return { every: [schema], oneOf: [] };
  if (!schema.discriminator) {
    return {
      every: [schema],
      oneOf: schema.oneOf.map(option => resolveSchema(option, spec) ?? {}),
    };
  }
  const picked = branch(schema, value, spec);
  return { every: picked ? [schema, picked] : [schema], oneOf: [] };
}

/** A form that refuses the value for certain: one it must pass, or one of a `oneOf` all refuse. */
function refusing(forms: Forms, refuses: (form: Bounded) => boolean) {
  const found = forms.every.find(refuses);
  if (found || forms.oneOf.length === 0) return found;
  return forms.oneOf.every(refuses) ? forms.oneOf[0] : undefined;
}

const takes = (form: Bounded, key: string) =>
  !!form.properties && Object.hasOwn(form.properties, key);

/**
 * More than {@link UNKNOWN_FIELDS_SAID} fields that a closed form (`additionalProperties: false`)
 * does not take, in the words the validator's message is given; a `oneOf`'s forms count as one
 * when all are closed.
 */
function unknownFieldsText(keys: string[], forms: Forms): string | undefined {
  const closedGroups = [...forms.every.map(form => [form]), forms.oneOf].filter(
    group =>
      group.length > 0 &&
      group.every(form => form.additionalProperties === false),
  );
  for (const group of closedGroups) {
    const unknown = keys.filter(key => !group.some(form => takes(form, key)));
    if (unknown.length > UNKNOWN_FIELDS_SAID) {
      const allowed = group.flatMap(form => Object.keys(form.properties ?? {}));
      return notTakenFieldsText(unknown, [...new Set(allowed)]);
    }
  }
  return undefined;
}

/** The schema of a field of an object: the first form's that lists it, or takes any field. */
function fieldSchema(forms: Bounded[], key: string): Schema | undefined {
  for (const form of forms) {
    if (takes(form, key)) return form.properties![key];
    if (typeof form.additionalProperties === 'object') {
      return form.additionalProperties;
    }
  }
  return undefined;
}

/**
 * The places where a JSON body holds more than its schema allows at all, in the validator's words
 * (`request/body/entityRefs must NOT have more than 100 items`, the path a JSON pointer): a list
 * over its `maxItems`, an object over its `maxProperties`, an object with more than
 * {@link UNKNOWN_FIELDS_SAID} fields its closed schema does not take. What such a place holds is
 * not looked at.
 */
function overLimitProblems(
  schema: Schema | undefined,
  value: unknown,
  path: string,
  spec: Spec,
): string[] {
  const resolved: Bounded | undefined = resolveSchema(schema, spec);
  if (!resolved || typeof value !== 'object' || value === null) return [];
  const forms = formsOf(resolved, value, spec);
  const all = [...forms.every, ...forms.oneOf];
  const inside = (key: string | number, child: Schema | undefined) =>
    overLimitProblems(
      child,
      (value as Record<string, unknown>)[key],
      `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`,
      spec,
    );
  if (Array.isArray(value)) {
    const { maxItems } =
      refusing(forms, form => value.length > (form.maxItems ?? Infinity)) ?? {};
    if (maxItems !== undefined) {
      return [`${path} must NOT have more than ${maxItems} items`];
    }
    const items = all.find(form => form.items)?.items;
    return items ? value.flatMap((_, i) => inside(i, items)) : [];
  }
  const keys = Object.keys(value);
  const { maxProperties } =
    refusing(forms, form => keys.length > (form.maxProperties ?? Infinity)) ??
    {};
  if (maxProperties !== undefined) {
    return [`${path} must NOT have more than ${maxProperties} properties`];
  }
  const unknown = unknownFieldsText(keys, forms);
  if (unknown) return [`${path} ${unknown}`];
  return keys.flatMap(key => inside(key, fieldSchema(all, key)));
}

/**
 * A JSON body's places over the spec's limits as one 400, or undefined when it has none.
 *
 * Checked before the validator, which runs with `allErrors` (every problem in one answer): it
 * would check each item of a list however far over its `maxItems`, and report each wrong one
 * (500,000 numbers in a list of at most 100 strings made a 23 MB message and 13 s of the event
 * loop, every other request waiting). Refused here, such a body costs a walk of its parsed
 * value, and the validator meets only bodies whose problems the spec's limits keep few: the spec
 * gives every list of a body a `maxItems` and every map a `maxProperties`
 * (requestBodyContract.limits.test.ts holds it to that).
 */
function overLimitError(schema: Schema, body: unknown, spec: Spec) {
  const problems = overLimitProblems(schema, body, 'request/body', spec);
  return problems.length > 0 ? new InputError(problems.join(', ')) : undefined;
}

/**
 * A body its Content-Encoding says is compressed (gzip, deflate) that does not decompress: the
 * parsers pass on zlib's error (`incorrect header check`), which does not say what was wrong;
 * its code (`Z_DATA_ERROR`, `Z_BUF_ERROR`, …) is what tells it apart.
 */
function readableEncodingError(error: unknown, req: Request): unknown {
  const { code } = (error ?? {}) as { code?: unknown };
  if (typeof code !== 'string' || !code.startsWith('Z_')) return error;
  const encoding = String(req.headers['content-encoding']).toLowerCase();
  return new InputError(
    `Request body is not valid ${encoding} data, though its Content-Encoding says it is; send it ${encoding}-compressed, or uncompressed without Content-Encoding`,
  );
}

/**
 * A body sent to an operation that takes none is read only this far: enough to see the `{}` or
 * blank text clients send for "no body", and the keys of a small one that are query parameters.
 * Anything larger, or unreadable, is refused as a body all the same.
 */
const UNWANTED_BODY_LIMIT = '8kb';

/**
 * Reads each request's body as its operation's `requestBody` in the spec says, and holds it to
 * that, before the validator (which would ignore a body where none is taken, and answer a wrong
 * type with a 400):
 *
 * - an operation that takes a body refuses one of a media type it does not list (415) before
 *   reading it: `POST /slos takes a body of type application/json, not text/plain`. Then the
 *   parsers read it: over `limit` is a 413, a charset or encoding they cannot read a 415,
 *   malformed JSON a 400 ({@link jsonBody}, {@link textBody}), as is a body that does not
 *   decompress as its Content-Encoding says. A JSON body over the spec's limits is a 400 before
 *   the validator sees it ({@link overLimitError}).
 * - an operation that takes no body refuses one (400) rather than ignoring it:
 *   `POST /slos/{id}/evaluate` with `{"at": "…"}` would otherwise evaluate as of now while the
 *   caller believes it was as of `at`. When the body's keys are query parameters of the
 *   operation, the message says to pass them so: `POST /slos/{id}/evaluate takes no request body;
 *   pass at as a query parameter (?at=…)`. No body, an empty one and `{}` pass. Such a body is
 *   read only up to {@link UNWANTED_BODY_LIMIT}, and whatever the parsers make of it the answer is
 *   this 400: so the spec's 413 and 415 are met only where it lists them, on the operations that
 *   take a body.
 * - a request no operation of the spec takes is left unread to the router (and its 404).
 */
export function requestBodyContract(
  spec: Spec,
  options: { limit: string; textTypes: string[] },
): RequestHandler {
  const operations = operationsOf(spec);
  const readBody = inTurn([
    jsonBody({ limit: options.limit }),
    textBody({ type: options.textTypes, limit: options.limit }),
  ]);
  const readUnwantedBody = inTurn([
    jsonBody({ limit: UNWANTED_BODY_LIMIT }),
    textBody({ type: options.textTypes, limit: UNWANTED_BODY_LIMIT }),
  ]);
  return (req, res, next) => {
    // Most requests carry no body: they pass before the spec's paths are matched (the parsers,
    // with nothing to read, only set `req.body` to `{}`).
    if (!announcesBody(req)) {
      readBody(req, res, next);
      return;
    }
    const method = req.method === 'HEAD' ? 'get' : req.method.toLowerCase();
    const [operation] = operations
      .filter(op => op.method === method && op.pattern.test(req.path))
      .sort((a, b) => b.literals - a.literals);
    if (!operation) {
      next();
      return;
    }
    const route = `${operation.method.toUpperCase()} ${operation.path}`;
    const { contentTypes } = operation;
    if (contentTypes.length > 0) {
      if (req.is(contentTypes)) {
        readBody(req, res, error => {
          if (error) next(readableEncodingError(error, req));
          else if (operation.jsonSchema) {
            next(overLimitError(operation.jsonSchema, req.body, spec));
          } else next();
        });
        return;
      }
      // Cut as unknownRoute cuts a path: a long header is not echoed whole.
      const sent = req.headers['content-type']?.split(';')[0].trim();
      const shown = sent && sent.length > 100 ? `${sent.slice(0, 100)}…` : sent;
      next(
        new UnsupportedMediaTypeError(
          `${route} takes a body of type ${contentTypes.join(', ')}, ${
            shown ? `not ${shown}` : 'but the request has no Content-Type'
          }`,
        ),
      );
      return;
    }
    const refused = `${route} takes no request body`;
    readUnwantedBody(req, res, error => {
      if (error) {
        next(new InputError(refused));
        return;
      }
      if (!hasBody(req)) {
        next();
        return;
      }
      const asQuery = bodyKeys(req).filter(key =>
        operation.queryParameters.has(key),
      );
      next(
        new InputError(
          asQuery.length
            ? `${refused}; pass ${asQuery.join(' and ')} as ${
                asQuery.length === 1 ? 'a query parameter' : 'query parameters'
              } (?${asQuery.map(key => `${key}=…`).join('&')})`
            : refused,
        ),
      );
    });
  };
}
