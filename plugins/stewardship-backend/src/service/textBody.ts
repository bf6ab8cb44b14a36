import express from 'express';
import { readableBodyError } from './requestBodyErrors';

/**
 * `express.text` for the content types `type` (the YAML an import takes), a body over the limit
 * a 413 and one in a charset it cannot read a 415 ({@link readableBodyError}).
 */
export function textBody(options: {
  type: string[];
  limit: string;
}): express.RequestHandler {
  const parse = express.text(options);
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      next(error && readableBodyError(error));
    });
  };
}
