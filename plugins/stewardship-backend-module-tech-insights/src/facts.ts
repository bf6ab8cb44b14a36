import {
  AttestationState,
  entityRefKey,
  EntityOwnership,
  OwnershipRole,
  OwnershipStatus,
  SLO_OVERVIEW_STATUSES,
  SloOverview,
  SloOverviewItem,
  SloOverviewStatus,
} from '@stewardship/backstage-plugin-stewardship-common';
import { FactSchema } from '@backstage-community/plugin-tech-insights-common';

/**
 * The id (and default registration key) of the Stewardship fact retriever. Checks name it in
 * `factIds`; the tech-insights backend schedules it from
 * `techInsights.factRetrievers.stewardshipFactRetriever.cadence`.
 *
 * @public
 */
export const STEWARDSHIP_FACT_RETRIEVER_ID = 'stewardshipFactRetriever';

/**
 * The version of {@link stewardshipFactSchema}. Semver: bump the major when a fact is removed,
 * renamed or changes type or meaning, the minor when a fact is added, the patch for description
 * changes only. The tech-insights backend stores the schema per version and checks read the
 * highest one, so a changed schema under an unchanged version is never seen.
 *
 * @public
 */
export const STEWARDSHIP_FACT_SCHEMA_VERSION = '1.2.0';

/**
 * The facts one entity gets from the Stewardship retriever. `null` means "not applicable"
 * (see the README): tech-insights stores facts as JSON, and a fact that is present but `null`
 * makes jsonfc checks run and fail their numeric comparisons, where an absent one would make them
 * skip silently.
 *
 * @public
 */
export interface StewardshipFacts {
  /** Any fact: tech-insights facts are a string-keyed record. */
  [fact: string]: string | number | boolean | null;
  /**
   * Whether `stewardship.ownership.appliesTo` covers the entity; false for an entity the
   * retriever targets outside it (it still gets its SLO facts).
   */
  ownershipApplies: boolean;
  /**
   * The business owner role's status, exemptions in force applied; null when
   * `ownershipApplies` is false (Stewardship evaluates only the entities the policy covers).
   */
  businessOwnerStatus: OwnershipStatus | null;
  /** The product owner role's status, as `businessOwnerStatus`. */
  productOwnerStatus: OwnershipStatus | null;
  /** The engineering owner role's status, as `businessOwnerStatus`. */
  engineeringOwnerStatus: OwnershipStatus | null;
  /**
   * Whether the business owner role's holder confirmed it (`current`), confirmed it once but the
   * confirmation expired or names someone else since (`stale`), or never did (`none`), whatever
   * the role's status; null when `ownershipApplies` is false or Stewardship evaluates no
   * attestations (its roles carry none).
   */
  businessOwnerAttestation: AttestationState | null;
  /** The product owner role's attestation, as `businessOwnerAttestation`. */
  productOwnerAttestation: AttestationState | null;
  /** The engineering owner role's attestation, as `businessOwnerAttestation`. */
  engineeringOwnerAttestation: AttestationState | null;
  /** Every required role is `ok` or `exempt`; true when the policy does not apply. */
  ownershipCompliant: boolean;
  /** At least one SLO is defined for the entity. */
  hasSlo: boolean;
  /** How many SLOs are defined for the entity. */
  sloCount: number;
  /** The worst overview status of the entity's SLOs; null without an SLO. */
  worstSloStatus: SloOverviewStatus | null;
  /** The lowest stored budget remaining (fraction); null when no SLO has one. */
  lowestErrorBudgetRemaining: number | null;
}

const ROLE_FACTS: Record<OwnershipRole, keyof StewardshipFacts> = {
  business: 'businessOwnerStatus',
  product: 'productOwnerStatus',
  engineering: 'engineeringOwnerStatus',
};

const ROLE_ATTESTATION_FACTS: Record<OwnershipRole, keyof StewardshipFacts> = {
  business: 'businessOwnerAttestation',
  product: 'productOwnerAttestation',
  engineering: 'engineeringOwnerAttestation',
};

const roleAttestationDescription = (role: OwnershipRole) =>
  `Whether the ${role} owner role's holder confirmed its owner, as Stewardship evaluates it: ` +
  'current (confirmed for the owner the catalog names now, not expired), stale (confirmed once, ' +
  'but the confirmation expired or the role names someone else since) or none (never confirmed). ' +
  "Given whatever the role's status; the Ownership tab and the scorecard show it for ok roles " +
  `only, so check it together with ${ROLE_FACTS[role]} ok. Null when ownershipApplies is false ` +
  'or Stewardship evaluates no attestations.';

const roleStatusDescription = (role: OwnershipRole) =>
  `Status of the ${role} owner role as Stewardship evaluates it, exemptions in force applied: ` +
  'ok, missing, unresolved, invalid, orphaned or exempt. Null when ownershipApplies is false ' +
  '(Stewardship evaluates only the entities its ownership policy covers).';

/**
 * The schema of the Stewardship facts; every fact in {@link StewardshipFacts}.
 *
 * @public
 */
export const stewardshipFactSchema: FactSchema = {
  ownershipApplies: {
    type: 'boolean',
    description:
      "Whether Stewardship's ownership policy (stewardship.ownership.appliesTo) covers the entity. False for an entity the retriever targets outside it: that entity still gets its SLO facts, with ownershipCompliant true and null role statuses and attestations.",
  },
  businessOwnerStatus: {
    type: 'string',
    description: roleStatusDescription('business'),
  },
  productOwnerStatus: {
    type: 'string',
    description: roleStatusDescription('product'),
  },
  engineeringOwnerStatus: {
    type: 'string',
    description: roleStatusDescription('engineering'),
  },
  businessOwnerAttestation: {
    type: 'string',
    description: roleAttestationDescription('business'),
  },
  productOwnerAttestation: {
    type: 'string',
    description: roleAttestationDescription('product'),
  },
  engineeringOwnerAttestation: {
    type: 'string',
    description: roleAttestationDescription('engineering'),
  },
  ownershipCompliant: {
    type: 'boolean',
    description:
      'True when every role the ownership policy requires is ok or exempt; always true when the policy does not apply to the entity (as on the scorecard).',
  },
  hasSlo: {
    type: 'boolean',
    description: 'Whether at least one SLO is defined for the entity.',
  },
  sloCount: {
    type: 'integer',
    description: 'How many SLOs are defined for the entity.',
  },
  worstSloStatus: {
    type: 'string',
    description:
      "The worst latest stored status of the entity's SLOs, worst first: exhausted, at-risk, no-data, stale (never evaluated or the snapshot is outdated), healthy. Null without an SLO.",
  },
  lowestErrorBudgetRemaining: {
    type: 'float',
    description:
      "The lowest error budget remaining of the entity's SLOs as a fraction of the budget (1 = untouched, 0 = exhausted, negative = overspent), from their latest stored snapshots. Null when no SLO of the entity has a stored budget.",
  },
};

/** An SLO's status as the overview filters by it: `stale` whenever stale, else its status. */
function overviewStatus(item: SloOverviewItem): SloOverviewStatus {
  if (item.stale || item.status === undefined) return 'stale';
  return item.status;
}

/** The SLO part of {@link StewardshipFacts}. */
type SloFacts = Pick<
  StewardshipFacts,
  'hasSlo' | 'sloCount' | 'worstSloStatus' | 'lowestErrorBudgetRemaining'
>;

/** The SLO facts of every entity with an SLO, keyed by lower-case entity ref. */
export function sloFactsByEntity(overview: SloOverview): Map<string, SloFacts> {
  const byEntity = new Map<string, SloOverviewItem[]>();
  for (const item of overview.items) {
    const ref = entityRefKey(item.entityRef);
    byEntity.set(ref, [...(byEntity.get(ref) ?? []), item]);
  }
  const result = new Map<string, SloFacts>();
  for (const [ref, items] of byEntity) {
    const statuses = items.map(overviewStatus);
    const worstSloStatus = SLO_OVERVIEW_STATUSES.find(s =>
      statuses.includes(s),
    )!;
    const budgets = items
      .map(i => i.budgetRemaining)
      .filter((b): b is number => typeof b === 'number' && Number.isFinite(b));
    result.set(ref, {
      hasSlo: true,
      sloCount: items.length,
      worstSloStatus,
      lowestErrorBudgetRemaining: budgets.length ? Math.min(...budgets) : null,
    });
  }
  return result;
}

/** The SLO facts of an entity, from its entry in {@link sloFactsByEntity} (none without SLOs). */
function sloFactsOf(slo: SloFacts | undefined): SloFacts {
  return {
    hasSlo: slo?.hasSlo ?? false,
    sloCount: slo?.sloCount ?? 0,
    worstSloStatus: slo?.worstSloStatus ?? null,
    lowestErrorBudgetRemaining: slo?.lowestErrorBudgetRemaining ?? null,
  };
}

/** The facts of one entity from its ownership and its SLO facts (none when it has no SLO). */
export function entityFacts(
  ownership: EntityOwnership,
  slo: SloFacts | undefined,
): StewardshipFacts {
  const facts = {
    ownershipApplies: ownership.applies,
    ownershipCompliant: ownership.compliant,
    ...sloFactsOf(slo),
  } as StewardshipFacts;
  for (const role of ownership.roles) {
    facts[ROLE_FACTS[role.role]] = role.status;
    // A role carries no attestation when Stewardship evaluates none: null, as "not applicable".
    facts[ROLE_ATTESTATION_FACTS[role.role]] = role.attestation?.state ?? null;
  }
  return facts;
}

/**
 * The facts of an entity the ownership policy does not cover, which Stewardship's catalog
 * evaluation leaves out: not covered and therefore compliant, as Stewardship's own entity route
 * answers (`applies: false`, `compliant: true`), no role statuses or attestations (null, not
 * absent, so checks on them run and fail rather than being skipped), and its SLO facts.
 */
export function uncoveredEntityFacts(
  slo: SloFacts | undefined,
): StewardshipFacts {
  return {
    ownershipApplies: false,
    ownershipCompliant: true,
    businessOwnerStatus: null,
    productOwnerStatus: null,
    engineeringOwnerStatus: null,
    businessOwnerAttestation: null,
    productOwnerAttestation: null,
    engineeringOwnerAttestation: null,
    ...sloFactsOf(slo),
  };
}
