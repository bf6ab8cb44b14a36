/*
 * The one way Stewardship reads entity refs, shared by the backend (which wraps it in its
 * `normalizeEntityRef`, throwing a 400) and the catalog module (which turns ownership annotations
 * into relations and must reach exactly the entity the Ownership tab shows). The catalog treats
 * refs case-insensitively and stores them as lower-case `kind:namespace/name`; so do we.
 *
 * Parsing follows the catalog's `parseEntityRef` (`[kind:][namespace/]name`, a `/` before the
 * first `:` makes the rest a name), then each part must pass the catalog's own validators, so a
 * ref we accept is one the catalog could hold (no NUL, emoji or spaces that it would answer with
 * an error of its own). Validation happens before lower-casing, on ASCII only, so that no
 * Unicode case mapping (e.g. the Kelvin sign to `k`) can turn an invalid ref into a valid one.
 */
import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  makeValidator,
} from '@backstage/catalog-model';

/**
 * Defaults for the parts a short entity ref leaves out.
 *
 * @public
 */
export interface EntityRefDefaults {
  /** The kind of a ref without one (`checkout` → `component:default/checkout`); without it a kind is required. */
  defaultKind?: string;
  /** The namespace of a ref without one; `default` unless given. */
  defaultNamespace?: string;
}

/**
 * The outcome of {@link checkEntityRef}: the lower-case full ref, or why the value is not one.
 *
 * @public
 */
export type CheckedEntityRef =
  | { ok: true; entityRef: string }
  | { ok: false; problem: string };

/**
 * The form two entity refs are compared in, as the catalog compares them: lower-cased. For
 * refs the catalog, a user or our own stores already wrote in full (`kind:namespace/name`), when
 * parsing is not needed; {@link checkEntityRef} reads and validates any other value.
 *
 * `toLowerCase`, as catalog-model's `stringifyEntityRef` lower-cases, not
 * `toLocaleLowerCase('en-US')`: the results are the same (English has no language-specific case
 * mappings), but V8 sends the locale form through ICU for strings built by concatenation, as
 * refs are, at ~2 µs each, against ~0.15 µs: 17 ms of every scorecard evaluation of 9,000
 * entities went to lower-casing their refs for sorting.
 *
 * @public
 */
export function entityRefKey(entityRef: string): string {
  return entityRef.toLowerCase();
}

const validator = makeValidator();
// Problems echo parts of the input; a long value is cut so a 1 MB parameter is not echoed back.
const MAX_SHOWN = 100;

/**
 * A value quoted for an error message, cut after 100 characters.
 *
 * @public
 */
export function showEntityRefValue(value: string): string {
  return JSON.stringify(
    value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value,
  );
}

// Checked before lower-casing, which maps some non-ASCII letters (the Kelvin sign) to ASCII.
const ASCII = /^[\x20-\x7e]*$/;

/** Splits `[kind:][namespace/]name` exactly as the catalog's `parseEntityRef` does. */
function split(text: string) {
  let colon = text.indexOf(':');
  const slash = text.indexOf('/');
  if (slash !== -1 && slash < colon) colon = -1;
  return {
    kind: colon === -1 ? undefined : text.slice(0, colon),
    namespace: slash === -1 ? undefined : text.slice(colon + 1, slash),
    name: text.slice(Math.max(colon + 1, slash + 1)),
  };
}

/** The forms a ref may take, for a problem's advice. */
function forms(defaults: EntityRefDefaults): string {
  return defaults.defaultKind
    ? `write kind:namespace/name or just a ${defaults.defaultKind} name`
    : 'write kind:namespace/name';
}

/** Why `parts` is not a valid ref, or undefined when it is. */
function problemWith(
  parts: { kind?: string; namespace: string; name: string },
  defaults: EntityRefDefaults,
): string | undefined {
  const form = forms(defaults);
  const { kind, namespace, name } = parts;
  if (kind === undefined) {
    return `it names no kind; ${form}`;
  }
  if (kind === '' || namespace === '' || name === '') {
    return `it has an empty kind, namespace or name; ${form}`;
  }
  if (!validator.isValidKind(kind)) {
    return `the kind ${showEntityRefValue(
      kind,
    )} must be letters and digits, starting with a letter (at most 63)`;
  }
  if (
    !ASCII.test(namespace) ||
    !validator.isValidNamespace(namespace.toLowerCase())
  ) {
    return `the namespace ${showEntityRefValue(
      namespace,
    )} must be letters, digits and "-" inside (at most 63)`;
  }
  if (!validator.isValidEntityName(name)) {
    return `the name ${showEntityRefValue(
      name,
    )} must be letters, digits and "-", "_" or "." inside, starting and ending with a letter or digit (at most 63)`;
  }
  return undefined;
}

/**
 * Reads an entity ref as the catalog would: `name`, `namespace/name`, `kind:name` or
 * `kind:namespace/name` (any case, surrounding white space ignored) or a CompoundEntityRef,
 * giving the lower-case full ref `kind:namespace/name`. The kind defaults to
 * `defaults.defaultKind` (required when the string has no kind), the namespace to
 * `defaults.defaultNamespace` or `default`.
 *
 * Never throws: a malformed value, or a part that breaks the catalog's rules (`isValidKind`,
 * `isValidNamespace`, `isValidEntityName`), gives `{ ok: false, problem }`, the problem in words.
 *
 * @public
 */
export function checkEntityRef(
  value: string | CompoundEntityRef,
  defaults: EntityRefDefaults = {},
): CheckedEntityRef {
  const defaultNamespace = defaults.defaultNamespace || DEFAULT_NAMESPACE;
  let parts: { kind?: string; namespace: string; name: string };
  if (typeof value === 'string') {
    const found = split(value.trim());
    // `Component/default/x`: three parts without a colon. The catalog would read the namespace
    // `Component` and the name `default/x`, which no entity has; what is missing is the kind's
    // colon, so that is what is said, with or without a default kind.
    if (found.kind === undefined && found.name.includes('/')) {
      return { ok: false, problem: `it names no kind; ${forms(defaults)}` };
    }
    parts = {
      kind: found.kind ?? (defaults.defaultKind || undefined),
      namespace: found.namespace ?? defaultNamespace,
      name: found.name,
    };
  } else {
    parts = {
      kind: value.kind ?? (defaults.defaultKind || undefined),
      namespace: value.namespace ?? defaultNamespace,
      name: value.name,
    };
  }
  const problem = problemWith(parts, defaults);
  if (problem !== undefined) return { ok: false, problem };
  // Valid parts are ASCII, where this is exactly the catalog's lower-casing.
  return {
    ok: true,
    entityRef: `${parts.kind}:${parts.namespace}/${parts.name}`.toLowerCase(),
  };
}
