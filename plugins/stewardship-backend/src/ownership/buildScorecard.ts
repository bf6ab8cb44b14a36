import {
  AttestationCounts,
  CoverageSummary,
  EntityOwnership,
  FailingEntity,
  OWNERSHIP_ROLES,
  OWNERSHIP_STATUSES,
  OwnershipRole,
  OwnershipScorecard,
  RoleEvaluation,
  RoleStatusCounts,
  ScorecardFilter,
  ScorecardGroup,
  ScorecardGroupBy,
  ScorecardTrendPoint,
  isRoleSatisfied,
  compareText,
} from '@stewardship/backstage-plugin-stewardship-common';
import { normalizeEntityRef } from '../lib/entityRefs';
import { firstInOrder } from '../lib/firstInOrder';

/** A scorecard request after validation. */
export interface ScorecardQuery {
  filter: ScorecardFilter;
  groupBy?: ScorecardGroupBy;
  offset: number;
  limit: number;
}

/**
 * Builds the scorecard response from evaluated entities. Pure. `evaluatedAt` is when the
 * catalog read behind `evaluations` began (earlier than `now` when it came from the cache).
 */
export function buildScorecard(
  evaluations: EntityOwnership[],
  query: ScorecardQuery,
  trend: ScorecardTrendPoint[],
  now: Date = new Date(),
  evaluatedAt: Date = now,
): OwnershipScorecard {
  const matches = matcher(query.filter);
  const inScope = evaluations.filter(e => e.applies && matches(e));
  // Worst first: most failing roles, then by ref for a stable order across pages. Only the page
  // asked for is put in order and shown (see firstInOrder).
  const failing = inScope
    .filter(e => !e.compliant)
    .map(e => ({ e, problems: countProblems(e) }));
  const page = firstInOrder(
    failing,
    query.offset + query.limit,
    (a, b) =>
      b.problems - a.problems || compareText(a.e.entityRef, b.e.entityRef),
  )
    .slice(query.offset)
    .map(({ e }) => toFailingEntity(e));

  const scorecard: OwnershipScorecard = {
    generatedAt: now.toISOString(),
    evaluatedAt: evaluatedAt.toISOString(),
    ageSeconds: Math.max(
      0,
      Math.floor((now.getTime() - evaluatedAt.getTime()) / 1000),
    ),
    filter: query.filter,
    summary: summarize(inScope),
    failing: {
      items: page,
      totalCount: failing.length,
      offset: query.offset,
      limit: query.limit,
    },
    trend,
  };
  if (query.groupBy) {
    scorecard.groupBy = query.groupBy;
    scorecard.groups = groupEntities(inScope, query.groupBy);
  }
  return scorecard;
}

/** Coverage of a set of entities; also what the daily snapshot stores. */
export function summarize(evaluations: EntityOwnership[]): CoverageSummary {
  const roles = Object.fromEntries(
    OWNERSHIP_ROLES.map(role => [role, emptyCounts()]),
  ) as Record<OwnershipRole, RoleStatusCounts>;
  const attestations = Object.fromEntries(
    OWNERSHIP_ROLES.map(role => [role, { current: 0, stale: 0, none: 0 }]),
  ) as Record<OwnershipRole, AttestationCounts>;
  let attested = false;
  let compliant = 0;
  for (const evaluation of evaluations) {
    if (evaluation.compliant) compliant += 1;
    for (const role of evaluation.roles) {
      roles[role.role][role.status] += 1;
      if (role.attestation) {
        attested = true;
        // Only a role someone holds (ok) is counted: nobody could confirm the others.
        if (role.status === 'ok') {
          attestations[role.role][role.attestation.state] += 1;
        }
      }
    }
  }
  return {
    entities: evaluations.length,
    compliant,
    roles,
    ...(attested && { attestations }),
  };
}

/**
 * The filter as a predicate. Ref filters are normalised once, short forms read as the route
 * reads them (`payments` owner → group:default/payments); the evaluation's refs come from
 * normalizeEntityRef too, so equal strings are the same entity, as the catalog compares them.
 */
function matcher(filter: ScorecardFilter) {
  const ref = (field: 'owner' | 'system' | 'domain', defaultKind: string) => {
    const value = filter[field];
    return value === undefined
      ? undefined
      : normalizeEntityRef(value, { defaultKind, what: `The ${field} filter` });
  };
  const owner = ref('owner', 'group');
  const system = ref('system', 'system');
  const domain = ref('domain', 'domain');
  const sameRef = (a: string | undefined, b: string | undefined) =>
    b === undefined || a === b;
  const sameText = (a: string | undefined, b: string | undefined) =>
    b === undefined ||
    (a !== undefined &&
      a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US'));
  return (e: EntityOwnership) =>
    sameText(e.kind, filter.kind) &&
    sameText(e.type, filter.type) &&
    sameRef(e.specOwner?.entityRef, owner) &&
    sameRef(systemOf(e), system) &&
    sameRef(domainOf(e), domain) &&
    hasRoleStatus(e, filter);
}

/**
 * `status` (with `role`, that role's status): entities where a role has it. `role` alone:
 * entities where that role fails, as the failing list shows it, so picking a role narrows the
 * list to the entities missing it rather than keeping every entity.
 */
function hasRoleStatus(e: EntityOwnership, filter: ScorecardFilter) {
  if (filter.status) {
    return e.roles.some(
      r =>
        (!filter.role || r.role === filter.role) && r.status === filter.status,
    );
  }
  if (filter.role) {
    return e.roles.some(r => r.role === filter.role && isRoleProblem(r));
  }
  return true;
}

function countProblems(e: EntityOwnership): number {
  let count = 0;
  for (const role of e.roles) if (isRoleProblem(role)) count++;
  return count;
}

/** A role the entity fails: required and neither held nor exempt. */
function isRoleProblem(role: RoleEvaluation): boolean {
  return role.required && !isRoleSatisfied(role.status);
}

/**
 * The system an entity counts towards: a System counts towards itself (its own roles are part of
 * its coverage), as its own SLOs do on the SLO overview and in the planning review.
 */
function systemOf(e: EntityOwnership): string | undefined {
  return isKind(e, 'system') ? normalizeEntityRef(e.entityRef) : e.system;
}

/** The domain an entity counts towards: a Domain counts towards itself, as a System does. */
function domainOf(e: EntityOwnership): string | undefined {
  return isKind(e, 'domain') ? normalizeEntityRef(e.entityRef) : e.domain;
}

function isKind(e: EntityOwnership, kind: string): boolean {
  return e.kind.toLocaleLowerCase('en-US') === kind;
}

function groupEntities(
  evaluations: EntityOwnership[],
  groupBy: ScorecardGroupBy,
): ScorecardGroup[] {
  const byKey = new Map<string, EntityOwnership[]>();
  for (const evaluation of evaluations) {
    const key = groupKey(evaluation, groupBy);
    const members = byKey.get(key) ?? [];
    members.push(evaluation);
    byKey.set(key, members);
  }
  return [...byKey.entries()]
    .map(([key, members]) => ({ key, ...summarize(members) }))
    .sort(
      (a, b) =>
        a.compliant / a.entities - b.compliant / b.entities ||
        compareText(a.key, b.key),
    );
}

function groupKey(e: EntityOwnership, groupBy: ScorecardGroupBy): string {
  switch (groupBy) {
    case 'owner':
      return e.specOwner?.entityRef ?? 'none';
    case 'system':
      return systemOf(e) ?? 'none';
    case 'domain':
      return domainOf(e) ?? 'none';
    default:
      return e.kind.toLocaleLowerCase('en-US');
  }
}

function toFailingEntity(e: EntityOwnership): FailingEntity {
  const item: FailingEntity = {
    entityRef: e.entityRef,
    kind: e.kind,
    name: e.name,
    problems: e.roles.filter(isRoleProblem),
  };
  if (e.title) item.title = e.title;
  if (e.specOwner) item.owner = e.specOwner.entityRef;
  if (e.system) item.system = e.system;
  if (e.domain) item.domain = e.domain;
  return item;
}

function emptyCounts(): RoleStatusCounts {
  return Object.fromEntries(
    OWNERSHIP_STATUSES.map(s => [s, 0]),
  ) as RoleStatusCounts;
}
