/*
 * The planning review of a scope over a period, from stored data only: the SLOs and their
 * snapshots (one grouped read for the period, one for the latest as of its end), the incidents
 * with their stored budget costs (one read), the latest stored backlog figures and failed
 * backlog reads (one read each), the ownership evaluation the scorecard caches, and the
 * dependency ceilings from the catalog and the stored SLOs of the dependencies (one read each). Never a metric-source or tracker query, and
 * never a query per entity. The figures are `buildPlanningReview`'s, in the common package.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BacklogFigures,
  BacklogReadFailure,
  EntityOwnership,
  PlanningReview,
  ReviewEntityInput,
  SloDefinition,
  SloEvaluation,
  availabilityPromise,
  buildPlanningReview,
  dependencyCeiling,
  isAvailabilitySlo,
  periodSpanProblem,
  reviewEndFor,
  reviewStartFor,
} from '@stewardship/backstage-plugin-stewardship-common';
import { IncidentStore } from '../database/IncidentStore';
import { SloStore } from '../database/SloStore';
import { CatalogVisibility } from '../lib/CatalogVisibility';
import { hiddenSloIds } from '../lib/hiddenSloIds';
import { normalizeEntityRef } from '../lib/entityRefs';
import {
  ReleaseGateSettings,
  policyForEntity,
} from '../releaseGate/errorBudgetPolicy';
import { isSnapshotStale, sloVersionsAt } from '../slo/isSnapshotStale';
import { defaultPeriodStart, emptyPeriodError } from '../lib/reportPeriod';

/** The kinds a review can be of. */
export const REVIEW_SCOPE_KINDS = ['system', 'domain', 'group'] as const;

/** The default period: the 30 days up to `to`. */
export const REVIEW_DEFAULT_DAYS = 30;

/** Where the review reads the latest backlog figures, and failed backlog reads, per entity. */
export interface BacklogFiguresReader {
  latestBacklogFigures(
    entityRefs: readonly string[],
  ): Promise<Map<string, BacklogFigures>>;
  latestBacklogReadFailures(
    entityRefs: readonly string[],
  ): Promise<Map<string, BacklogReadFailure>>;
}

const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'relations',
];

export class ReviewService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      /** Which dependencies' SLOs a caller may read. */
      visibility: CatalogVisibility;
      slos: SloStore;
      incidents: IncidentStore;
      backlog: BacklogFiguresReader;
      /** The whole-catalog ownership evaluation (cached by the scorecard). */
      ownership: {
        catalogEvaluations(
          credentials: BackstageCredentials,
        ): Promise<EntityOwnership[]>;
      };
      releaseGate: Pick<ReleaseGateSettings, 'policy'>;
      stalenessMs: number;
      /**
       * `snapshotRetention`: how long the housekeeping task keeps snapshots (the plugin passes it;
       * absent, as in a benchmark's store, none is pruned).
       */
      snapshotRetentionMs?: number;
      now?: () => Date;
    },
  ) {}

  private now() {
    return (this.deps.now ?? (() => new Date()))();
  }

  /** The review of `scope` over `[from, to]`; the period is checked here (400 naming the parameter). */
  async review(
    query: { scope: string; from?: Date; to?: Date },
    credentials: BackstageCredentials,
  ): Promise<PlanningReview> {
    const scopeRef = normalizeEntityRef(query.scope, {
      what: 'Invalid query parameter "scope":',
    });
    const kind = scopeRef.split(':')[0];
    if (!(REVIEW_SCOPE_KINDS as readonly string[]).includes(kind)) {
      throw new InputError(
        `Invalid query parameter "scope": "${query.scope}" is a ${kind}; a review is of a system, domain or group`,
      );
    }
    const period = this.period(query.from, query.to);
    const scopeEntity = await this.deps.catalog.getEntityByRef(scopeRef, {
      credentials,
    });
    if (!scopeEntity) {
      throw new NotFoundError(`No entity ${scopeRef} in the catalog`);
    }
    const entities = await this.entitiesInScope(
      kind,
      { ref: scopeRef, entity: scopeEntity },
      credentials,
    );
    const inputs = await this.inputsOf(entities, period, credentials);
    const review = buildPlanningReview(scopeRef, period, inputs);
    // A period may reach back further than snapshots are kept (two years against 400 days by
    // default): its SLO figures then count only the kept ones, which the review must say rather
    // than read as a quiet start or an SLO never evaluated.
    const retentionMs = this.deps.snapshotRetentionMs;
    if (retentionMs === undefined) return review;
    const keptFrom = this.now().getTime() - retentionMs;
    return period.from.getTime() < keptFrom
      ? { ...review, snapshotsKeptFrom: new Date(keptFrom).toISOString() }
      : review;
  }

  private period(from: Date | undefined, to: Date | undefined) {
    const now = this.now();
    if (to && to.getTime() > now.getTime() + 60_000) {
      throw new InputError(
        'Invalid query parameter "to": must not be in the future',
      );
    }
    const end = to ?? now;
    const start = from ?? defaultPeriodStart(end, REVIEW_DEFAULT_DAYS);
    if (start.getTime() >= end.getTime()) {
      throw emptyPeriodError({ from, to });
    }
    // Every snapshot of the period is read: it may span at most MAX_PERIOD_DAYS.
    const tooLong = periodSpanProblem(start, end);
    if (tooLong) {
      throw new InputError(`Invalid query parameter "from": ${tooLong}`);
    }
    return { from: start, to: end };
  }

  /**
   * A system and its components and APIs; a domain's systems and their components and APIs; what
   * a group owns. A system is in its own review because it can have SLOs of its own (a journey
   * across its parts), which count towards it as its release gate counts them. Read with the
   * caller's credentials, so an entity they may not read is not reviewed.
   */
  private async entitiesInScope(
    kind: string,
    scope: { ref: string; entity: Entity },
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const scopeRef = scope.ref;
    const partOf = `relations.${RELATION_PART_OF.toLocaleLowerCase('en-US')}`;
    const read = async (
      filter:
        | Record<string, string | string[]>
        | Array<Record<string, string | string[]>>,
    ) =>
      (
        await this.deps.catalog.getEntities(
          { filter, fields: ENTITY_FIELDS },
          { credentials },
        )
      ).items;
    // One filter per kind (the catalog ORs them), the kind before the relation.
    const partsOf = (systems: string[]) =>
      systems.length === 0
        ? Promise.resolve([])
        : read(
            ['component', 'api'].map(partKind => ({
              kind: partKind,
              [partOf]: systems,
            })),
          );
    if (kind === 'system') {
      return [scope.entity, ...(await partsOf([scopeRef]))];
    }
    if (kind === 'domain') {
      const systems = await read({ kind: 'system', [partOf]: scopeRef });
      return [
        ...systems,
        ...(await partsOf(
          systems.map(system => normalizeEntityRef(stringifyEntityRef(system))),
        )),
      ];
    }
    return read({
      [`relations.${RELATION_OWNED_BY.toLocaleLowerCase('en-US')}`]: scopeRef,
    });
  }

  private async inputsOf(
    entities: Entity[],
    period: { from: Date; to: Date },
    credentials: BackstageCredentials,
  ): Promise<ReviewEntityInput[]> {
    const refOf = (entity: Entity) =>
      normalizeEntityRef(stringifyEntityRef(entity));
    const refs = [...new Set(entities.map(refOf))];
    if (refs.length === 0) return [];

    const { items: slos } = await this.deps.slos.listSlos({ entityRefs: refs });
    const now = this.now();
    const endOf = new Map(
      slos.map(slo => [slo.id, reviewEndFor(slo.timeWindow, period.to, now)]),
    );
    const startOf = new Map(
      slos.map(slo => [slo.id, reviewStartFor(slo.timeWindow, period.from)]),
    );
    const [
      aggregates,
      { latest, versionAt },
      incidents,
      backlog,
      backlogFailures,
      ownership,
      ceilings,
    ] = await Promise.all([
      this.periodAggregates(slos, startOf, endOf),
      this.snapshotsAtEnds(slos, endOf),
      this.deps.incidents.listIncidents({
        entityRefs: refs,
        from: period.from,
        to: period.to,
        fireDrill: false,
        withBudgetImpact: true,
      }),
      this.deps.backlog.latestBacklogFigures(refs),
      this.deps.backlog.latestBacklogReadFailures(refs),
      this.deps.ownership.catalogEvaluations(credentials),
      this.dependencyCeilings(entities, slos, credentials),
    ]);

    // A stored budget cost of another entity's SLO counts only for a reader who may see it; of a
    // deleted SLO, for nobody (whose entity it was on is no longer known).
    const hiddenImpactSlos = await hiddenSloIds(
      incidents.items.flatMap(incident =>
        (incident.budgetImpact ?? [])
          .map(impact => impact.sloId)
          .filter(sloId => !endOf.has(sloId)),
      ),
      credentials,
      this.deps,
      { missingAsHidden: true },
    );
    const slosByEntity = groupBy(slos, slo =>
      normalizeEntityRef(slo.entityRef),
    );
    const incidentsByEntity = groupBy(incidents.items, incident =>
      normalizeEntityRef(incident.entityRef),
    );
    const ownershipByEntity = new Map(
      ownership.map(evaluation => [
        normalizeEntityRef(evaluation.entityRef),
        evaluation,
      ]),
    );
    const seen = new Set<string>();
    const inputs: ReviewEntityInput[] = [];
    for (const entity of entities) {
      const entityRef = refOf(entity);
      if (seen.has(entityRef)) continue;
      seen.add(entityRef);
      const { policy } = policyForEntity(this.deps.releaseGate.policy, entity);
      inputs.push({
        entityRef,
        ...(entity.metadata.title && { title: entity.metadata.title }),
        policy,
        slos: (slosByEntity.get(entityRef) ?? []).map(slo => {
          const evaluation = latest.get(slo.id);
          const end = endOf.get(slo.id)!;
          return {
            start: startOf.get(slo.id)!,
            objective: slo.objective,
            aggregate: aggregates.get(slo.id) ?? { evaluated: 0, meeting: 0 },
            end,
            gate: {
              slo,
              ...(evaluation && { evaluation }),
              stale:
                !evaluation ||
                isSnapshotStale(
                  evaluation,
                  end,
                  versionAt(slo),
                  this.deps.stalenessMs,
                ),
            },
          };
        }),
        incidents: (incidentsByEntity.get(entityRef) ?? []).map(incident => ({
          ...incident,
          budgetImpacts: incident.budgetImpact?.filter(
            impact => !hiddenImpactSlos.has(impact.sloId),
          ),
        })),
        ...(backlog.has(entityRef) && { backlog: backlog.get(entityRef) }),
        ...(backlogFailures.has(entityRef) && {
          backlogReadFailure: backlogFailures.get(entityRef),
        }),
        // Not in the evaluation: the ownership policy does not cover the entity, so no gaps.
        ownership: ownershipByEntity.get(entityRef) ?? {
          applies: false,
          roles: [],
        },
        dependencyCeiling: ceilings.get(entityRef),
      });
    }
    return inputs;
  }

  /**
   * Each SLO's snapshots from its start to its end, aggregated: one grouped read per distinct
   * range (the period for most; one more per zone of calendar SLOs when a bound is a UTC
   * midnight).
   */
  private async periodAggregates(
    slos: SloDefinition[],
    startOf: Map<string, Date>,
    endOf: Map<string, Date>,
  ) {
    const rangeOf = (slo: SloDefinition) => ({
      from: startOf.get(slo.id)!,
      to: endOf.get(slo.id)!,
    });
    const byRange = groupBy(slos, slo => {
      const { from, to } = rangeOf(slo);
      return `${from.getTime()}-${to.getTime()}`;
    });
    const aggregates = await Promise.all(
      [...byRange.values()].map(group =>
        this.deps.slos.sloPeriodAggregates(
          group.map(slo => slo.id),
          rangeOf(group[0]),
        ),
      ),
    );
    return new Map(aggregates.flatMap(map => [...map]));
  }

  /**
   * Each SLO's latest snapshot at or before its end, and its version then: one read per distinct
   * end (`to` for most; one more per zone of calendar SLOs when `to` is a UTC midnight).
   */
  private async snapshotsAtEnds(
    slos: SloDefinition[],
    endOf: Map<string, Date>,
  ) {
    const latest = new Map<string, SloEvaluation>();
    const versions = new Map<string, number>();
    const byEnd = groupBy(slos, slo => String(endOf.get(slo.id)!.getTime()));
    await Promise.all(
      [...byEnd.values()].map(async group => {
        const end = endOf.get(group[0].id)!;
        const [snapshots, versionAt] = await Promise.all([
          this.deps.slos.latestSnapshots(
            group.map(slo => slo.id),
            end,
          ),
          sloVersionsAt(this.deps.slos, group, end),
        ]);
        for (const slo of group) {
          const snapshot = snapshots.get(slo.id);
          if (snapshot) latest.set(slo.id, snapshot);
          versions.set(slo.id, versionAt(slo));
        }
      }),
    );
    return {
      latest,
      versionAt: (slo: SloDefinition) => versions.get(slo.id) ?? 0,
    };
  }

  /**
   * Every entity's dependency ceiling (see readDependencyCeiling) in one catalog read of all
   * their dependencies and one read of the dependencies' SLOs.
   */
  private async dependencyCeilings(
    entities: Entity[],
    ownSlos: SloDefinition[],
    credentials: BackstageCredentials,
  ) {
    const dependenciesOf = new Map<string, string[]>();
    for (const entity of entities) {
      dependenciesOf.set(normalizeEntityRef(stringifyEntityRef(entity)), [
        ...new Set(
          (entity.relations ?? [])
            .filter(relation => relation.type === RELATION_DEPENDS_ON)
            .map(relation => normalizeEntityRef(relation.targetRef)),
        ),
      ]);
    }
    const allDependencies = [...new Set([...dependenciesOf.values()].flat())];
    const visible = await this.deps.visibility.readableRefs(
      allDependencies,
      credentials,
    );
    const { items: dependencySlos } = visible.size
      ? await this.deps.slos.listSlos({ entityRefs: [...visible] })
      : { items: [] as SloDefinition[] };
    const slosOf = groupBy(dependencySlos, slo =>
      normalizeEntityRef(slo.entityRef),
    );
    const ownSlosOf = groupBy(ownSlos, slo =>
      normalizeEntityRef(slo.entityRef),
    );
    const ceilings = new Map<
      string,
      NonNullable<ReviewEntityInput['dependencyCeiling']>
    >();
    for (const [entityRef, dependencies] of dependenciesOf) {
      const objectives = dependencies
        .filter(ref => visible.has(ref))
        .map(ref => availabilityPromise(slosOf.get(ref) ?? [])?.objective)
        .filter((objective): objective is number => objective !== undefined);
      const ceiling = dependencyCeiling(objectives);
      ceilings.set(entityRef, {
        ...(ceiling !== undefined && { ceiling }),
        objectives: (ownSlosOf.get(entityRef) ?? [])
          .filter(isAvailabilitySlo)
          .map(slo => ({
            id: slo.id,
            name: slo.name,
            objective: slo.objective,
            aboveCeiling: ceiling !== undefined && slo.objective > ceiling,
          })),
      });
    }
    return ceilings;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
