import { InputError } from '@backstage/errors';
import express from 'express';
import { readableBodyError } from './requestBodyErrors';

/**
 * V8's words for a syntax error, with the excerpt of the body it quotes when it has no position to
 * give said as where (`Unexpected token '}', ..."b": }" is not valid JSON` becomes `Unexpected
 * token '}' near ..."b": }"`), so "is not valid JSON" is said once.
 */
function syntaxProblem(message: string): string {
  return message.replace(
    /, ((?:\.\.\.)?".*"(?:\.\.\.)?) is not valid JSON$/s,
    ' near $1',
  );
}

/**
 * `express.json` whose parse failure is a 400 a caller can act on, `Request body is not valid
 * JSON: Unexpected end of JSON input`, rather than the parser's message alone; a body that is JSON
 * but not an object or array (`42`, which the parser refuses as if it were not JSON) is said to
 * be no object. A body over the limit is a 413, one in a charset or encoding it cannot read a 415
 * ({@link readableBodyError}).
 */
export function jsonBody(options: { limit: string }): express.RequestHandler {
  const parse = express.json(options);
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      const { type, body } = (error ?? {}) as {
        type?: unknown;
        body?: unknown;
      };
      if (!error || type !== 'entity.parse.failed') {
        next(error && readableBodyError(error));
        return;
      }
      // The parser refuses any other first character before reading further.
      if (typeof body === 'string' && !/^\s*[{[]/.test(body) && isJson(body)) {
        next(new InputError('Request body must be a JSON object'));
        return;
      }
      next(
        new InputError(
          `Request body is not valid JSON: ${syntaxProblem(
            (error as Error).message,
          )}`,
        ),
      );
    });
  };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
