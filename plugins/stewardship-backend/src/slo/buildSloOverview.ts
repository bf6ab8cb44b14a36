/*
 * The catalog-wide SLO overview from what is already stored: SLO definitions, their latest
 * snapshots and the catalog entities the caller may see. Pure, so every figure can be checked
 * against hand-built inputs.
 *
 * Scope is what the SLO tab is shown on: Components, APIs and Systems (see the frontend's
 * isSlosAvailable). An SLO whose entity the caller cannot see is left out entirely, as is an
 * entity the caller cannot see from the coverage. The owner and system filters narrow the
 * entities (and so the coverage and the SLOs); the status filter narrows the SLO list only.
 */
import {
  DEFAULT_NAMESPACE,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  entityRefKey,
  BROKEN_SLI_REASONS,
  SloDefinition,
  SloOverview,
  SloOverviewFilter,
  SloOverviewItem,
  SloUncoveredEntity,
  compareText,
  isSloKind,
  snapshotTooOldFrom,
} from '@stewardship/backstage-plugin-stewardship-common';
import { SloSnapshotSummary } from '../database/SloStore';
import { earliestMoment } from '../lib/earliestMoment';
import { normalizeEntityRef } from '../lib/entityRefs';
import { isSnapshotStale } from './isSnapshotStale';

/** The entity fields the overview reads. */
export const SLO_OVERVIEW_ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.owner',
  'spec.system',
];

/** A ref written in an entity's spec, read in the entity's namespace as the catalog does. */
function specRef(entity: Entity, field: 'owner' | 'system', kind: string) {
  const value = entity.spec?.[field];
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return normalizeEntityRef(value, {
      defaultKind: kind,
      defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    });
  } catch {
    return undefined;
  }
}

function describeEntity(entity: Entity): SloUncoveredEntity {
  const entityRef = entityRefKey(stringifyEntityRef(entity));
  const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';
  const owner = specRef(entity, 'owner', 'group');
  const system = isSystem ? entityRef : specRef(entity, 'system', 'system');
  return {
    entityRef,
    ...(entity.metadata.title && { title: entity.metadata.title }),
    ...(owner && { owner }),
    ...(system && { system }),
  };
}

/**
 * Why an SLO is stale by {@link isSnapshotStale}'s rule, or undefined when it is not. An edit
 * since the snapshot comes before its age: the age shows beside it (`evaluatedAt`), the edit
 * shows nowhere else, and a snapshot of a minute ago is stale for that alone.
 */
function staleReason(
  snapshot: SloSnapshotSummary | undefined,
  staleness: { at: Date; versionAt: number; stalenessMs: number },
): SloOverviewItem['staleReason'] {
  if (!snapshot) return 'never-evaluated';
  const { at, versionAt, stalenessMs } = staleness;
  if (!isSnapshotStale(snapshot, at, versionAt, stalenessMs)) return undefined;
  return snapshot.sloVersion < versionAt ? 'earlier-version' : 'too-old';
}

function overviewItem(
  slo: SloDefinition,
  entity: SloUncoveredEntity,
  snapshot: SloSnapshotSummary | undefined,
  staleness: { at: Date; versionAt: number; stalenessMs: number },
): SloOverviewItem {
  const whyStale = staleReason(snapshot, staleness);
  return {
    sloId: slo.id,
    name: slo.name,
    entityRef: slo.entityRef,
    ...(entity.title && { entityTitle: entity.title }),
    ...(entity.owner && { owner: entity.owner }),
    ...(entity.system && { system: entity.system }),
    ...(snapshot && { status: snapshot.status }),
    stale: whyStale !== undefined,
    ...(whyStale && { staleReason: whyStale }),
    brokenSli:
      snapshot?.status === 'no-data' &&
      BROKEN_SLI_REASONS.includes(snapshot.noDataReason!),
    ...(snapshot?.noDataReason && { noDataReason: snapshot.noDataReason }),
    ...(snapshot?.reason && { reason: snapshot.reason }),
    ...(snapshot?.errorBudget && {
      budgetRemaining: snapshot.errorBudget.remaining,
    }),
    ...(snapshot?.sli !== undefined && { sli: snapshot.sli }),
    objective: slo.objective,
    metricSource: slo.metricSource,
    ...(snapshot && { evaluatedAt: snapshot.at }),
  };
}

const sortedSet = (values: Array<string | undefined>) =>
  [...new Set(values.filter((v): v is string => Boolean(v)))].sort();

/**
 * The overview as of `at`. `entities` are what the caller's catalog read returned (any kinds;
 * only the `SLO_KINDS` count for coverage), `filter` refs are already normalised.
 */
export function buildSloOverview(input: {
  entities: Entity[];
  slos: SloDefinition[];
  snapshots: ReadonlyMap<string, SloSnapshotSummary>;
  /** Each SLO's version as of `at` (see `sloVersionsAt`); default today's. */
  versionAt?: (slo: SloDefinition) => number;
  filter: SloOverviewFilter;
  at: Date;
  /** The moment of the request, which the catalog read's age is measured to; default `at`. */
  now?: Date;
  stalenessMs: number;
  /** When the catalog read behind `entities` began; `now` when it was read for this request. */
  catalogReadAt?: Date;
  /** The overview of now (no `at` asked): it says until when it holds (`validUntil`). */
  live?: boolean;
}): SloOverview {
  const { filter, at, stalenessMs } = input;
  const versionAt = input.versionAt ?? ((slo: SloDefinition) => slo.version);
  const now = input.now ?? at;
  const catalogReadAt = input.catalogReadAt ?? now;
  const visible = new Map<string, SloUncoveredEntity & { inScope: boolean }>();
  for (const entity of input.entities) {
    const described = describeEntity(entity);
    visible.set(described.entityRef, {
      ...described,
      inScope: isSloKind(entity.kind),
    });
  }
  const matches = (e: SloUncoveredEntity) =>
    (!filter.owner || e.owner === filter.owner) &&
    (!filter.system || e.system === filter.system);

  const slos: SloOverviewItem[] = [];
  for (const slo of input.slos) {
    const entity = visible.get(slo.entityRef);
    if (entity && matches(entity)) {
      slos.push(
        overviewItem(slo, entity, input.snapshots.get(slo.id), {
          at,
          versionAt: versionAt(slo),
          stalenessMs,
        }),
      );
    }
  }
  const withSlo = new Set(slos.map(item => item.entityRef));
  const inScope = [...visible.values()].filter(e => e.inScope);
  const matching = inScope.filter(matches);
  const uncovered = matching
    .filter(e => !withSlo.has(e.entityRef))
    .map(({ inScope: _, ...entity }) => entity)
    .sort((a, b) => compareText(a.entityRef, b.entityRef));

  const { status } = filter;
  const items = slos.filter(item => {
    if (!status) return true;
    if (status === 'stale') return item.stale;
    return item.status === status;
  });

  const validUntil = input.live
    ? overviewValidUntil(slos, stalenessMs)
    : undefined;
  return {
    at: at.toISOString(),
    ...(validUntil && { validUntil }),
    stalenessSeconds: stalenessMs / 1000,
    catalogReadAt: catalogReadAt.toISOString(),
    catalogAgeSeconds: Math.max(
      0,
      Math.floor((now.getTime() - catalogReadAt.getTime()) / 1000),
    ),
    items,
    coverage: {
      entitiesInScope: matching.length,
      entitiesWithSlo: matching.length - uncovered.length,
      entitiesWithoutSlo: uncovered,
      brokenSlis: slos.filter(item => item.brokenSli).length,
      staleEvaluations: slos.filter(item => item.stale).length,
      slos: slos.length,
    },
    facets: {
      owners: sortedSet(inScope.map(e => e.owner)),
      systems: sortedSet(inScope.map(e => e.system)),
    },
  };
}

/**
 * The first moment an SLO current now, of those the filters keep before the status filter (it
 * counts in the coverage), grows too old: from then the overview of now says otherwise, though
 * nothing new was stored. Undefined when every SLO is stale or never evaluated.
 */
function overviewValidUntil(
  slos: readonly SloOverviewItem[],
  stalenessMs: number,
): string | undefined {
  const moments = slos.flatMap(item =>
    !item.stale && item.evaluatedAt
      ? [snapshotTooOldFrom(item.evaluatedAt, stalenessMs).getTime()]
      : [],
  );
  return earliestMoment(moments);
}
