import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import {
  OWNERSHIP_ROLES,
  OwnershipRole,
  isOwnershipRole,
} from '@stewardship/backstage-plugin-stewardship-common';

/** One `stewardship.ownership.appliesTo` entry, normalised to lower case. */
export interface AppliesToRule {
  kind: string;
  /** Empty means every type. */
  types: string[];
}

/** What the ownership check enforces, read from `stewardship.ownership`. */
export interface OwnershipPolicy {
  appliesTo: AppliesToRule[];
  requiredRoles: OwnershipRole[];
  inheritance: boolean;
}

export const DEFAULT_OWNERSHIP_POLICY: OwnershipPolicy = {
  appliesTo: ['component', 'api', 'system', 'domain'].map(kind => ({
    kind,
    types: [],
  })),
  requiredRoles: [...OWNERSHIP_ROLES],
  inheritance: true,
};

/** Reads the policy, falling back to {@link DEFAULT_OWNERSHIP_POLICY} field by field. */
export function readOwnershipPolicy(config: Config): OwnershipPolicy {
  const ownership = config.getOptionalConfig('stewardship.ownership');
  if (!ownership) {
    return DEFAULT_OWNERSHIP_POLICY;
  }

  const appliesTo = ownership
    .getOptionalConfigArray('appliesTo')
    ?.map((rule, i) => {
      const type = rule.getOptional('type');
      const types = type === undefined ? [] : ([] as unknown[]).concat(type);
      if (!types.every((t): t is string => typeof t === 'string')) {
        throw new InputError(
          `stewardship.ownership.appliesTo[${i}].type must be a type name or a list of them, e.g. service or [service, website]`,
        );
      }
      return {
        kind: rule.getString('kind').toLocaleLowerCase('en-US'),
        types: types.map(t => t.toLocaleLowerCase('en-US')),
      };
    });

  const requiredRoles = ownership.getOptionalStringArray('requiredRoles');
  const unknownRole = requiredRoles?.find(role => !isOwnershipRole(role));
  if (unknownRole !== undefined) {
    throw new InputError(
      `stewardship.ownership.requiredRoles: unknown role "${unknownRole}", expected one of ${OWNERSHIP_ROLES.join(
        ', ',
      )}`,
    );
  }

  return {
    appliesTo: appliesTo ?? DEFAULT_OWNERSHIP_POLICY.appliesTo,
    requiredRoles:
      (requiredRoles as OwnershipRole[] | undefined) ??
      DEFAULT_OWNERSHIP_POLICY.requiredRoles,
    inheritance:
      ownership.getOptionalBoolean('inheritance') ??
      DEFAULT_OWNERSHIP_POLICY.inheritance,
  };
}

/** Whether the policy covers an entity. */
export function policyAppliesTo(policy: OwnershipPolicy, entity: Entity) {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const type =
    typeof entity.spec?.type === 'string'
      ? entity.spec.type.toLocaleLowerCase('en-US')
      : undefined;
  return policy.appliesTo.some(
    rule =>
      rule.kind === kind &&
      (rule.types.length === 0 ||
        (type !== undefined && rule.types.includes(type))),
  );
}

/** The kinds the policy mentions, for narrowing catalog queries. */
export function policyKinds(policy: OwnershipPolicy): string[] {
  return [...new Set(policy.appliesTo.map(rule => rule.kind))];
}
