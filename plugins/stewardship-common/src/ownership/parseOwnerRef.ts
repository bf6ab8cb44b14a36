import { checkEntityRef } from '../entityRefs';

/**
 * The outcome of reading one ownership annotation value.
 *
 * @public
 */
export type ParsedOwnerRef =
  | { ok: true; entityRef: string; kind: 'user' | 'group' }
  | { ok: false; reason: 'list'; problem: string; parts: string[] }
  | { ok: false; reason: 'malformed'; problem: string };

// Owners are written by hand in YAML, so we expect every way people write several owners:
// "a, b", "a; b", "[a, b]" and "a b".
const LIST_SEPARATOR = /[,;\s]+/;

/**
 * Parses an ownership annotation value into a full user or group ref.
 *
 * The kind must be explicit (`user:` or `group:`): a bare name could be either, and an
 * accountable owner must not be ambiguous. The namespace defaults to `default`; case does not
 * matter, and the ref returned is lower-case. The Ownership tab (backend) and the catalog
 * relations module both read annotations with this, so they always agree on the owner.
 *
 * @public
 */
export function parseOwnerRef(raw: string): ParsedOwnerRef {
  const trimmed = raw.trim();
  // Only a value opened and closed by brackets is a list written as one; a lone bracket is a
  // typo, reported as a malformed ref below rather than as a "list" of one.
  const bracketed = /^\[.*\]$/s.test(trimmed);
  const value = (bracketed ? trimmed.slice(1, -1) : trimmed).trim();
  if (!value) {
    return {
      ok: false,
      reason: 'malformed',
      problem: 'The annotation is empty.',
    };
  }

  const parts = value.split(LIST_SEPARATOR).filter(Boolean);
  if (parts.length > 1 || bracketed) {
    return {
      ok: false,
      reason: 'list',
      problem: `Expected one accountable owner, found ${
        parts.length
      }: ${parts.join(', ')}.`,
      parts,
    };
  }

  // The form is checked here (an explicit kind, no stray ":", "/" or bracket) so that the
  // problem can say which form is expected; parsing, validation and case are the shared helper's.
  const match = /^([^:/[\]]+):(?:[^:/[\]]+\/)?[^:/[\]]+$/.exec(value);
  if (!match) {
    return {
      ok: false,
      reason: 'malformed',
      problem: `"${value}" is not an entity ref of the form user:namespace/name or group:namespace/name.`,
    };
  }
  const rawKind = match[1];
  const kind = rawKind.toLocaleLowerCase('en-US');
  if (kind !== 'user' && kind !== 'group') {
    return {
      ok: false,
      reason: 'malformed',
      problem: `"${value}" names a ${rawKind}; an owner must be a user or a group.`,
    };
  }
  // Any case, as the catalog compares refs: `User:Default/Jane.Doe` is user:default/jane.doe.
  const checked = checkEntityRef(value);
  if (!checked.ok) {
    return {
      ok: false,
      reason: 'malformed',
      problem: `"${value}" is not a valid entity ref: names may use letters, digits, "-", "_" and ".".`,
    };
  }
  return { ok: true, kind, entityRef: checked.entityRef };
}
