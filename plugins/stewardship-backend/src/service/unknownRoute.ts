import { NotFoundError } from '@backstage/errors';
import type { RequestHandler } from 'express';
import { specPathPattern } from './specPaths';

/** Shown up to this many characters: a long unknown path is not echoed whole. */
const MAX_SHOWN = 200;

const shown = (text: string) =>
  text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;

/**
 * The answer to a request no route took: a NotFoundError naming the method and path (`No route
 * GET /api/stewardship/foo`), in Backstage's JSON error body like every other error of the API,
 * rather than express's empty 404. When the path is documented for other methods, it says which
 * (`No route DELETE /api/stewardship/slos (the path takes GET, POST)`). Mounted after the router,
 * so it is reached only when nothing else answered.
 */
export function unknownRoute(spec: {
  paths: Record<string, object>;
}): RequestHandler {
  const paths = Object.entries(spec.paths).map(([path, operations]) => ({
    pattern: specPathPattern(path),
    methods: Object.keys(operations).map(method => method.toUpperCase()),
  }));
  return (req, _res, next) => {
    const methods = [
      ...new Set(
        paths
          .filter(({ pattern }) => pattern.test(req.path))
          .flatMap(path => path.methods),
      ),
    ];
    const route = shown(`${req.method} ${req.baseUrl}${req.path}`);
    next(
      new NotFoundError(
        methods.length
          ? `No route ${route} (the path takes ${methods.join(', ')})`
          : `No route ${route}`,
      ),
    );
  };
}
