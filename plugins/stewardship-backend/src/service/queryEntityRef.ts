import { normalizeEntityRef } from '../lib/entityRefs';

/**
 * A filter ref from the query string: full (`group:default/a`) or a bare name of `defaultKind`.
 * Absent stays absent; a value that is no ref is a 400 naming the parameter.
 */
export function queryEntityRef(
  value: string | undefined,
  parameter: string,
  defaultKind: string,
): string | undefined {
  return value === undefined
    ? undefined
    : normalizeEntityRef(value, {
        defaultKind,
        what: `Invalid query parameter "${parameter}":`,
      });
}
