import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { Entity, makeValidator } from '@backstage/catalog-model';
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

/**
 * The kinds of Backstage's catalog model, and the scaffolder's Template, compared without case. A kind not
 * among them is warned about (a typo covers no entity, silently), never refused: the catalog
 * takes custom kinds.
 */
const WELL_KNOWN_KINDS = [
  'API',
  'Component',
  'Domain',
  'Group',
  'Location',
  'Resource',
  'System',
  'Template',
  'User',
];

const validator = makeValidator();

/** One `appliesTo` entry; throws for a kind that is no kind token or a type that is no type. */
function readRule(rule: Config, i: number, logger?: LoggerService) {
  const at = `stewardship.ownership.appliesTo[${i}]`;
  const kind = rule.getString('kind');
  if (!validator.isValidKind(kind)) {
    throw new InputError(
      `${at}.kind "${kind}" is not an entity kind: a letter, then letters and digits only (at most 63), e.g. Component`,
    );
  }
  const known = WELL_KNOWN_KINDS.find(
    k => k.toLocaleLowerCase('en-US') === kind.toLocaleLowerCase('en-US'),
  );
  if (!known) {
    logger?.warn(
      `${at}.kind ${kind} is not one of Backstage's kinds (${WELL_KNOWN_KINDS.join(
        ', ',
      )}): fine for a custom kind, but if it is a typo no entity is covered by this entry`,
    );
  }
  const type = rule.getOptional('type');
  const types = type === undefined ? [] : ([] as unknown[]).concat(type);
  if (!types.every((t): t is string => typeof t === 'string')) {
    throw new InputError(
      `${at}.type must be a type name or a list of them, e.g. service or [service, website]`,
    );
  }
  // `[]` or '' would mean every type (as no `type`), or no entity: neither is what was written.
  if (type !== undefined && types.length === 0) {
    throw new InputError(
      `${at}.type is an empty list: name at least one type, or leave type out to cover every type of ${kind}`,
    );
  }
  if (types.some(t => t.trim() === '')) {
    throw new InputError(`${at}.type has an empty type name`);
  }
  return {
    kind: kind.toLocaleLowerCase('en-US'),
    types: types.map(t => t.toLocaleLowerCase('en-US')),
  };
}

/**
 * Reads the policy, falling back to {@link DEFAULT_OWNERSHIP_POLICY} field by field. Refuses an
 * empty `appliesTo` (it would check no entity), an empty `requiredRoles` (every covered entity
 * would pass) and a kind that is no kind; with a `logger`, warns
 * about a kind that is not one of Backstage's own (a custom kind, or a typo).
 */
export function readOwnershipPolicy(
  config: Config,
  logger?: LoggerService,
): OwnershipPolicy {
  const ownership = config.getOptionalConfig('stewardship.ownership');
  if (!ownership) {
    return DEFAULT_OWNERSHIP_POLICY;
  }

  const rules = ownership.getOptionalConfigArray('appliesTo');
  if (rules && rules.length === 0) {
    throw new InputError(
      'stewardship.ownership.appliesTo is empty, so no entity would be checked: list at least one kind, e.g. [{ kind: Component }], ' +
        'or leave appliesTo out for the default (Component, API, System and Domain)',
    );
  }
  const appliesTo = rules?.map((rule, i) => readRule(rule, i, logger));

  const requiredRoles = ownership.getOptionalStringArray('requiredRoles');
  if (requiredRoles && requiredRoles.length === 0) {
    throw new InputError(
      'stewardship.ownership.requiredRoles is empty, so every covered entity would pass: list at least one role, e.g. [engineering], ' +
        `or leave requiredRoles out for the default (${DEFAULT_OWNERSHIP_POLICY.requiredRoles.join(
          ', ',
        )})`,
    );
  }
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
