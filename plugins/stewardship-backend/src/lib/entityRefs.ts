/*
 * The one way this plugin reads and compares entity refs. The catalog treats refs
 * case-insensitively and stores them as lower-case `kind:namespace/name`; so do we, everywhere:
 * SLO specs and their filters, import and export, ownership annotations and catalog lookups.
 *
 * Parsing and validation (the catalog's own form and rules, ASCII only) are stewardship-common's
 * `checkEntityRef`, shared with the catalog relations module so both read refs alike; this file
 * turns a bad value into a 400 (InputError) naming the field.
 */
import { CompoundEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  checkEntityRef,
  EntityRefDefaults,
  showEntityRefValue,
} from '@stewardship/backstage-plugin-stewardship-common';
import { z } from 'zod/v4';

export type { EntityRefDefaults };

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
  const checked = checkEntityRef(value, options);
  if (!checked.ok) {
    const raw =
      typeof value === 'string'
        ? value
        : `${value.kind}:${value.namespace}/${value.name}`;
    const what = options.what ? `${options.what} ` : '';
    throw new InputError(
      `${what}${showEntityRefValue(raw)} is not an entity ref: ${
        checked.problem
      }`,
    );
  }
  return checked.entityRef;
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
