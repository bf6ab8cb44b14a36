/*
 * The one way this plugin reads and compares entity refs. The catalog treats refs
 * case-insensitively and stores them as lower-case `kind:namespace/name`; so do we, everywhere:
 * SLO specs and their filters, import and export, ownership annotations and catalog lookups.
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
import { InputError } from '@backstage/errors';
import { z } from 'zod/v4';

/** Defaults for the parts a short ref leaves out. */
export interface EntityRefDefaults {
  /** The kind of a ref without one (`checkout` → `component:default/checkout`); without it a kind is required. */
  defaultKind?: string;
  /** The namespace of a ref without one; `default` unless given. */
  defaultNamespace?: string;
}

const validator = makeValidator();
// Error messages echo the input; a long value is cut so a 1 MB parameter is not echoed back.
const MAX_SHOWN = 100;

function show(value: string): string {
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

/** Why `parts` is not a valid ref, or undefined when it is. */
function problemWith(
  parts: { kind?: string; namespace: string; name: string },
  defaults: EntityRefDefaults,
): string | undefined {
  const form = defaults.defaultKind
    ? `write kind:namespace/name or just a ${defaults.defaultKind} name`
    : 'write kind:namespace/name';
  const { kind, namespace, name } = parts;
  if (kind === undefined) {
    return `it names no kind; ${form}`;
  }
  if (kind === '' || namespace === '' || name === '') {
    return `it has an empty kind, namespace or name; ${form}`;
  }
  if (!validator.isValidKind(kind)) {
    return `the kind ${show(
      kind,
    )} must be letters and digits, starting with a letter (at most 63)`;
  }
  if (
    !ASCII.test(namespace) ||
    !validator.isValidNamespace(namespace.toLowerCase())
  ) {
    return `the namespace ${show(
      namespace,
    )} must be letters, digits and "-" inside (at most 63)`;
  }
  if (!validator.isValidEntityName(name)) {
    return `the name ${show(
      name,
    )} must be letters, digits and "-", "_" or "." inside, starting and ending with a letter or digit (at most 63)`;
  }
  return undefined;
}

/**
 * Lower-case full ref `kind:namespace/name`. Accepts `name`, `namespace/name`, `kind:name`,
 * `kind:namespace/name` (any case, surrounding white space ignored) or a CompoundEntityRef.
 * The kind defaults to `options.defaultKind` (required when the string has no kind), the
 * namespace to `options.defaultNamespace` or `default`.
 *
 * Throws InputError(`<what> "<value>" is not an entity ref: <reason>`) when the value is
 * malformed or a part breaks the catalog's rules (`isValidKind`, `isValidNamespace`,
 * `isValidEntityName`), e.g. a NUL, an emoji or a space. Without `what` the message starts with
 * the value, for callers (such as zod) that name the field themselves.
 */
export function normalizeEntityRef(
  value: string | CompoundEntityRef,
  options: EntityRefDefaults & { what?: string } = {},
): string {
  const defaultNamespace = options.defaultNamespace || DEFAULT_NAMESPACE;
  let raw: string;
  let parts: { kind?: string; namespace: string; name: string };
  if (typeof value === 'string') {
    raw = value;
    const found = split(value.trim());
    parts = {
      kind: found.kind ?? (options.defaultKind || undefined),
      namespace: found.namespace ?? defaultNamespace,
      name: found.name,
    };
  } else {
    raw = `${value.kind}:${value.namespace}/${value.name}`;
    parts = {
      kind: value.kind ?? (options.defaultKind || undefined),
      namespace: value.namespace ?? defaultNamespace,
      name: value.name,
    };
  }
  const problem = problemWith(parts, options);
  if (problem !== undefined) {
    const what = options.what ? `${options.what} ` : '';
    throw new InputError(
      `${what}${show(raw)} is not an entity ref: ${problem}`,
    );
  }
  // Valid parts are ASCII, where this is exactly the catalog's lower-casing.
  return `${parts.kind}:${parts.namespace}/${parts.name}`.toLowerCase();
}

/**
 * A zod string schema whose output is `normalizeEntityRef(value, defaults)`; a value that is not
 * a ref becomes one zod issue with the same message (the issue's path names the field).
 */
export function entityRefSchema(
  defaults: EntityRefDefaults = {},
): z.ZodType<string, string> {
  return z.string().transform((value, ctx) => {
    try {
      return normalizeEntityRef(value, defaults);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });
}

/**
 * Whether two refs name the same entity, compared as the catalog compares them (both normalised
 * by {@link normalizeEntityRef}, so case does not matter). Both must be full refs (or
 * CompoundEntityRefs); a malformed one throws the same InputError.
 */
export function sameEntityRef(
  a: string | CompoundEntityRef,
  b: string | CompoundEntityRef,
): boolean {
  return normalizeEntityRef(a) === normalizeEntityRef(b);
}
