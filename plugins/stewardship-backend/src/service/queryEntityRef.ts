import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { normalizeEntityRef } from '../lib/entityRefs';

/**
 * A filter ref from the query string: full (`group:default/a`) or a bare name of `defaultKind`.
 * Absent stays absent; a value that is no ref is a 400 naming the parameter, and so is a ref of a
 * kind the filter cannot be (`kinds`): `?system=component:default/x` would match nothing, silently.
 */
export function queryEntityRef(
  value: string | undefined,
  parameter: string,
  defaultKind: string,
  kinds?: readonly string[],
): string | undefined {
  if (value === undefined) return undefined;
  const what = `Invalid query parameter "${parameter}":`;
  const ref = normalizeEntityRef(value, { defaultKind, what });
  const { kind } = parseEntityRef(ref);
  if (kinds && !kinds.includes(kind)) {
    throw new InputError(
      `${what} ${JSON.stringify(value)} is not a ${kinds.join(
        ' or ',
      )} (its kind is ${kind})`,
    );
  }
  return ref;
}

/** What an `owner` filter may name: an entity's `spec.owner` is a group or a user. */
export const OWNER_KINDS = ['group', 'user'] as const;
