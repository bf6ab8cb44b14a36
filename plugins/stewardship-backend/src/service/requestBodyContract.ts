import { InputError } from '@backstage/errors';
import { UnsupportedMediaTypeError } from './requestBodyErrors';
import type { Request, RequestHandler } from 'express';
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
            requestBody?: { content?: Record<string, unknown> };
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
        queryParameters,
      });
    }
  }
  return operations;
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
  const length = Number(req.headers['content-length']);
  return (
    (Number.isFinite(length) && length > 0) ||
    req.headers['transfer-encoding'] !== undefined
  );
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
 * Holds a request's body to its operation's `requestBody` in the spec, before the validator (which
 * would ignore the first and answer the second with a 400):
 *
 * - an operation that takes no body refuses one (400) rather than ignoring it:
 *   `POST /slos/{id}/evaluate` with `{"at": "…"}` would otherwise evaluate as of now while the
 *   caller believes it was as of `at`. When the body's keys are query parameters of the
 *   operation, the message says to pass them so: `POST /slos/{id}/evaluate takes no request body;
 *   pass at as a query parameter (?at=…)`. No body, an empty one and `{}` pass.
 * - an operation that takes one refuses a body of a media type it does not list (415):
 *   `POST /slos takes a body of type application/json, not text/plain`.
 *
 * Mounted after the body parsers (it reads what they parsed) and before the routes; requests no
 * operation of the spec takes are left to the router (and its 404).
 */
export function requestBodyContract(spec: Spec): RequestHandler {
  const operations = operationsOf(spec);
  return (req, _res, next) => {
    // Most requests carry no body: they pass before the spec's paths are matched.
    if (!hasBody(req)) {
      next();
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
        next();
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
    const asQuery = bodyKeys(req).filter(key =>
      operation.queryParameters.has(key),
    );
    const refused = `${route} takes no request body`;
    next(
      new InputError(
        asQuery.length
          ? `${refused}; pass ${asQuery.join(' and ')} as ${
              asQuery.length === 1 ? 'a query parameter' : 'query parameters'
            } (?${asQuery.map(key => `${key}=…`).join('&')})`
          : refused,
      ),
    );
  };
}
