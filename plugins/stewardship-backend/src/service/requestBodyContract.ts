import { InputError } from '@backstage/errors';
import { UnsupportedMediaTypeError } from './requestBodyErrors';
import type { Request, RequestHandler } from 'express';
import { jsonBody } from './jsonBody';
import { textBody } from './textBody';
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
 *   malformed JSON a 400 ({@link jsonBody}, {@link textBody}).
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
        readBody(req, res, next);
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
