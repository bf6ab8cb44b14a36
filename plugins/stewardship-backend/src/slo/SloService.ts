/*
 * The SLO use cases behind the REST routes: validated CRUD with optimistic concurrency, import and
 * export, and status reads. Status reads come from stored snapshots (a page view never fans out to
 * a metric source); only the single-SLO status asked for a moment no fresh snapshot covers, and
 * the explicit evaluate, talk to the source. Each of those draws on an on-demand allowance.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CustomErrorBase, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityDependencyCeiling,
  EntitySlo,
  SloHistory,
  SloCorrection,
  SloDefinition,
  SloRevisionSummary,
  SloEvaluation,
  SloSpec,
  excludedIntervals,
  resolveAlertPolicies,
  sloWindowAt,
  stewardshipSloCreatePermission,
  stewardshipSloDeletePermission,
  stewardshipSloUpdatePermission,
} from '@stewardship/backstage-plugin-stewardship-common';
import { SloStore } from '../database/SloStore';
import { actorOf } from '../lib/actorOf';
import { CallerLanes } from '../lib/CallerLanes';
import { EntityPermissions } from '../lib/EntityPermissions';
import { CatalogVisibility } from '../lib/CatalogVisibility';
import { normalizeEntityRef } from '../lib/entityRefs';
import { staleReadConflict } from '../lib/staleReadConflict';
import {
  assertImportNamesFree,
  documentName,
  exportOpenSlo,
  readSloDocuments,
} from './interchange';
import { asOfMoment } from './asOfMoment';
import {
  parseSloCorrection,
  parseSloSpec,
  parseSloUpdate,
  sliQueryProblem,
} from './sloSpecSchema';
import { SloEvaluationRunner } from './SloEvaluationRunner';
import { SloEvaluator } from './SloEvaluator';
import { isSnapshotStale, sloVersionsAt } from './isSnapshotStale';
import { longestPeriodSeconds } from './longestPeriodSeconds';
import { readDependencyCeiling } from './readDependencyCeiling';
import { withRecordedExclusions } from './recordedExclusions';

function problemsError(
  what: string,
  problems: Array<{ path: string; message: string; document?: number }>,
) {
  const lines = problems.map(
    p =>
      `${p.document !== undefined ? `${documentName(p.document)}: ` : ''}${
        p.path || '(root)'
      }: ${p.message}`,
  );
  return new InputError(`${what}:\n${lines.join('\n')}`);
}

/** An entity ref as SLO specs store it: a bare name is a component (see sloSpecSchema). */
function sloEntityRef(value: string): string;
function sloEntityRef(value: string | undefined): string | undefined;
function sloEntityRef(value: string | undefined): string | undefined {
  return value === undefined
    ? undefined
    : normalizeEntityRef(value, {
        defaultKind: 'component',
        what: 'entityRef',
      });
}

/**
 * On-demand evaluations (`POST slos/{id}/evaluate`): a repeat for now within this answers the
 * last one, and the per-SLO allowance refills by one per this.
 */
export const ON_DEMAND_EVALUATION_INTERVAL_MS = 30_000;

/**
 * The per-SLO allowance of stored on-demand evaluations: enough to backfill 30 days at 6-hour
 * steps (120) twice, not enough to flood a metric source.
 */
export const ON_DEMAND_EVALUATION_BURST = 240;

/**
 * How many on-demand reads of metric sources one caller may have running at once on an instance
 * (statuses no fresh snapshot covers, previews, evaluations, incident budget costs); the rest wait
 * their turn in that caller's lane, so one caller's burst does not hold a source for everyone.
 */
export const ON_DEMAND_READS_PER_CALLER = 4;

/**
 * 429: an on-demand allowance is used up. `retryAfterSeconds` (until it refills by one) becomes the
 * answer's `Retry-After` header (see `createRouter`).
 */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  statusCode = 429;
  readonly retryAfterSeconds?: number;

  constructor(message: string, retryAfterSeconds?: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class SloService {
  /** The on-demand evaluation limit per SLO id. */
  private readonly onDemand = new Map<
    string,
    {
      allowance: number;
      refilledAt: number;
      latestForNow?: {
        startedAt: number;
        at: number;
        /** The version evaluated: after an edit a repeat is a new question. */
        version: number;
        /**
         * The corrections evaluated ({@link correctionsKey}): adding or deleting one leaves the
         * version as it is, but a repeat after it is a new question too.
         */
        corrections: string;
        evaluation: Promise<SloEvaluation>;
      };
    }
  >();

  /** Each caller's on-demand reads of metric sources, {@link ON_DEMAND_READS_PER_CALLER} at once. */
  private readonly lanes: CallerLanes;

  constructor(
    private readonly deps: {
      store: SloStore;
      evaluator: SloEvaluator;
      runner: SloEvaluationRunner;
      catalog: CatalogService;
      /** Which entities' SLOs a caller may read. */
      visibility: CatalogVisibility;
      /** Decides who may change which entity's SLOs. */
      permissions: EntityPermissions;
      /** The on-demand evaluation limit; defaults to the constants above. */
      onDemandEvaluations?: { burst: number; intervalMs: number };
      /** A snapshot older than this (relative to the moment asked about) is stale. */
      stalenessMs: number;
      /** How many on-demand reads a caller may have running at once; default {@link ON_DEMAND_READS_PER_CALLER}. */
      onDemandReadsPerCaller?: number;
      now?: () => Date;
    },
  ) {
    this.lanes = new CallerLanes(
      deps.onDemandReadsPerCaller ?? ON_DEMAND_READS_PER_CALLER,
    );
  }

  /**
   * Runs an on-demand read of a metric source in the caller's lane: at once, or when one of the
   * caller's {@link ON_DEMAND_READS_PER_CALLER} running reads ends.
   */
  runOnDemandRead<T>(
    credentials: BackstageCredentials,
    read: () => Promise<T>,
  ): Promise<T> {
    return this.lanes.run(actorOf(credentials), read);
  }

  private get onDemandSettings() {
    return (
      this.deps.onDemandEvaluations ?? {
        burst: ON_DEMAND_EVALUATION_BURST,
        intervalMs: ON_DEMAND_EVALUATION_INTERVAL_MS,
      }
    );
  }

  private now() {
    return (this.deps.now ?? (() => new Date()))();
  }

  /** Live SLOs; `entityRef` in any form a spec accepts (`checkout`, `Component:Default/Checkout`). */
  async list(
    filter: { entityRef?: string; offset: number; limit: number },
    credentials: BackstageCredentials,
  ) {
    const entityRef = sloEntityRef(filter.entityRef);
    const candidates = entityRef
      ? [entityRef]
      : await this.deps.store.sloEntityRefs();
    const readable = await this.deps.visibility.readableRefs(
      candidates,
      credentials,
    );
    return this.deps.store.listSlos({
      offset: filter.offset,
      limit: filter.limit,
      entityRefs: [...readable],
    });
  }

  /**
   * The SLO; with `credentials`, only when the caller may read its entity in the catalog (else
   * the same 404 as for an unknown id).
   */
  async get(
    id: string,
    credentials?: BackstageCredentials,
  ): Promise<SloDefinition> {
    const slo = await this.deps.store.getSlo(id);
    if (!slo) {
      throw new NotFoundError(`No SLO with id ${id}`);
    }
    if (credentials) await this.assertReadable(slo, credentials);
    return slo;
  }

  private assertReadable(
    slo: SloDefinition,
    credentials: BackstageCredentials,
  ) {
    return this.deps.visibility.assertReadable(
      slo.entityRef,
      credentials,
      `No SLO with id ${slo.id}`,
    );
  }

  /** Throws a 404 unless the caller may read the entity in the catalog. */
  async assertEntityReadable(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    await this.deps.visibility.assertReadable(
      entityRef,
      credentials,
      `No entity ${entityRef} in the catalog`,
    );
  }

  /**
   * The refs of `entityRefs` the caller may read in the catalog, each kept as given: for any
   * number of refs one catalog request at most, decided as {@link SloService.assertEntityReadable}
   * decides for one.
   */
  async readableEntityRefs(
    entityRefs: readonly string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    return this.deps.visibility.readableRefs(entityRefs, credentials);
  }

  async create(
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<SloDefinition> {
    const spec = await this.specToCreate(body, credentials);
    return this.deps.store.createSlo(spec, actorOf(credentials));
  }

  /** A create's body, valid, allowed for the caller and fitting this installation; else throws. */
  private async specToCreate(
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<SloSpec> {
    const parsed = parseSloSpec(body, { queryProblem: this.queryProblem });
    if (!parsed.ok) {
      throw problemsError('Invalid SLO', parsed.problems);
    }
    // The entity first (a hidden one answers as a missing one: 400, not in the catalog), then
    // the permission: a policy that allows creating on some entity it may not show (a condition
    // the catalog applies) would otherwise tell a hidden entity (400) from a missing one (403).
    await this.assertFitsSetup([parsed.spec], credentials);
    await this.deps.permissions.authorize(
      credentials,
      stewardshipSloCreatePermission,
      parsed.spec.entityRef,
    );
    return parsed.spec;
  }

  /** Why `query` is not one the SLO's source `metricSource` counts with (its own rules). */
  private readonly queryProblem = (metricSource: string, query: string) =>
    sliQueryProblem(this.deps.evaluator.source(metricSource), query);

  async update(
    id: string,
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<SloDefinition> {
    const parsed = parseSloUpdate(body, { queryProblem: this.queryProblem });
    if (!parsed.ok) {
      throw problemsError('Invalid SLO', parsed.problems);
    }
    // 404 before 400 or 403 for a deleted, unknown or hidden SLO: a caller who may not read the
    // entity learns nothing of it, as a read would tell them.
    const current = await this.get(id, credentials);
    await this.deps.permissions.authorize(
      credentials,
      stewardshipSloUpdatePermission,
      current.entityRef,
    );
    // The target entity before the permission to create there, as a create does.
    await this.assertFitsSetup([parsed.spec], credentials);
    if (parsed.spec.entityRef !== current.entityRef) {
      // Moving an SLO to another entity deletes it from this one and creates it there: without
      // the first, a caller who may change but not delete this entity's SLOs could take them
      // away from it.
      await this.deps.permissions.authorize(
        credentials,
        stewardshipSloDeletePermission,
        current.entityRef,
      );
      await this.deps.permissions.authorize(
        credentials,
        stewardshipSloCreatePermission,
        parsed.spec.entityRef,
      );
    }
    // The permissions were decided on the version read above: the store writes only over that
    // one. A `version` ahead of it (a guess) could otherwise meet a move committed meanwhile by
    // someone else, and the write would land on an SLO of an entity not checked.
    if (parsed.version !== current.version) {
      throw staleReadConflict(
        parsed.version < current.version
          ? `SLO ${id} is at version ${current.version}, not ${parsed.version}: it changed since you read it`
          : // Ahead: the version may exist by now, so "is at" the older one would not be true.
            `SLO ${id} was at version ${current.version} when this change was checked, not ${parsed.version}: it changed meanwhile, or version ${parsed.version} does not exist`,
      );
    }
    return this.deps.store.updateSlo(
      id,
      parsed.spec,
      parsed.version,
      actorOf(credentials),
    );
  }

  async delete(id: string, credentials: BackstageCredentials): Promise<void> {
    const current = await this.get(id, credentials);
    await this.deps.permissions.authorize(
      credentials,
      stewardshipSloDeletePermission,
      current.entityRef,
    );
    // Only the version whose entity the permission was decided on: a change committed since (a
    // move to another entity, say) is a 409, not deleted unseen.
    await this.deps.store.deleteSlo(id, actorOf(credentials), {
      expectedVersion: current.version,
    });
  }

  /**
   * Evaluates an unsaved SLO (a create's body) now, storing nothing: the SLI preview of the form.
   * It queries the metric source, so it needs `stewardship.slo.create` on the entity and draws on
   * the caller's own on-demand allowance (the limit of {@link SloService.evaluate}, keyed by the
   * principal instead of an SLO).
   */
  async preview(
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<SloEvaluation> {
    const spec = await this.specToCreate(body, credentials);
    const now = this.now();
    const limit = this.onDemandLimit(
      `preview:${actorOf(credentials)}`,
      now.getTime(),
    );
    if (limit.allowance < 1) {
      const retryAfterSeconds = this.retryInSeconds(limit, now.getTime());
      throw new TooManyRequestsError(
        `You have used your SLI previews (${
          this.onDemandSettings.burst
        }, one more every ${
          this.onDemandSettings.intervalMs / 1000
        } s) — retry in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      );
    }
    limit.allowance -= 1;
    const iso = now.toISOString();
    const slo = {
      ...spec,
      id: 'preview',
      version: 0,
      createdAt: iso,
      updatedAt: iso,
    };
    return this.deps.evaluator.withQueryLinks(
      slo,
      await this.runOnDemandRead(credentials, () =>
        this.deps.evaluator.evaluate(slo, now),
      ),
    );
  }

  /** Who changed the SLO when, oldest first, with the spec fields each update touched. */
  async revisions(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<SloRevisionSummary[]> {
    await this.get(id, credentials); // 404 for an unknown, deleted or hidden SLO
    const revisions = await this.deps.store.listRevisions(id);
    return revisions.map((revision, i) => {
      const before = i > 0 ? revisions[i - 1].spec : undefined;
      const changedFields =
        revision.action === 'updated' && before
          ? [
              ...new Set([
                ...Object.keys(before),
                ...Object.keys(revision.spec),
              ]),
            ]
              .filter(
                key =>
                  JSON.stringify((before as any)[key]) !==
                  JSON.stringify((revision.spec as any)[key]),
              )
              .sort()
          : [];
      return {
        version: revision.version,
        action: revision.action,
        actor: revision.actor,
        at: revision.at,
        changedFields,
      };
    });
  }

  /** The SLO's corrections, oldest first. */
  async listCorrections(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<SloCorrection[]> {
    return (await this.get(id, credentials)).corrections ?? [];
  }

  /**
   * Adds a correction (needs `stewardship.slo.update` on the entity). It applies from the next
   * evaluation on; stored snapshots keep the numbers they were computed with.
   */
  async addCorrection(
    id: string,
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<SloCorrection> {
    const slo = await this.get(id, credentials); // 404 before 400 or 403
    const parsed = parseSloCorrection(body);
    if (!parsed.ok) {
      throw problemsError('Invalid correction', parsed.problems);
    }
    await this.deps.permissions.authorize(
      credentials,
      stewardshipSloUpdatePermission,
      slo.entityRef,
    );
    // Only while the SLO is on the entity the permission was decided on (else a 409).
    return this.deps.store.addCorrection(
      id,
      parsed.correction,
      actorOf(credentials),
      { expectedEntityRef: slo.entityRef },
    );
  }

  /** Removes a correction (needs `stewardship.slo.update` on the entity). */
  async deleteCorrection(
    id: string,
    correctionId: string,
    credentials: BackstageCredentials,
  ): Promise<SloCorrection> {
    const slo = await this.get(id, credentials);
    const correction = slo.corrections?.find(c => c.id === correctionId);
    if (!correction) {
      throw new NotFoundError(
        `SLO ${id} has no correction with id ${correctionId}`,
      );
    }
    await this.deps.permissions.authorize(
      credentials,
      stewardshipSloUpdatePermission,
      slo.entityRef,
    );
    await this.deps.store.deleteCorrection(id, correctionId, {
      expectedEntityRef: slo.entityRef,
    });
    return correction;
  }

  /** Imports OpenSLO v1 / Sloth YAML: every document valid, or nothing is stored. */
  async import(
    yamlText: string,
    options: { entityRef?: string; metricSource?: string; dryRun: boolean },
    credentials: BackstageCredentials,
  ): Promise<SloDefinition[] | SloSpec[]> {
    const sources = this.deps.evaluator.sourceNames;
    // Checked as the query parameter it is: a document without its own source would otherwise
    // report it as that document's `metricSource`.
    if (
      options.metricSource !== undefined &&
      !sources.includes(options.metricSource)
    ) {
      throw new InputError(
        `Invalid query parameter "metricSource": ${unknownSourceMessage(
          options.metricSource,
          sources,
        )}`,
      );
    }
    const result = readSloDocuments(yamlText, {
      defaultEntityRef: sloEntityRef(options.entityRef),
      defaultMetricSource: options.metricSource ?? sources[0] ?? '',
      queryProblem: this.queryProblem,
    });
    if ('problems' in result) {
      throw problemsError('Invalid SLO documents', result.problems);
    }
    const slos = result.slos.map(({ spec }) => spec);
    // readSloDocuments has checked each document's shape; what is left is this installation.
    await this.assertFitsSetup(slos, credentials);
    // A preview changes nothing: anyone who can see the entities may see what would be stored.
    if (!options.dryRun) {
      await this.deps.permissions.authorize(
        credentials,
        stewardshipSloCreatePermission,
        slos.map(slo => slo.entityRef),
      );
    }
    // A name already taken is the import's 409, named by document; a preview answers it too.
    await assertImportNamesFree(result.slos, this.deps.store);
    if (options.dryRun) return slos;
    return this.deps.store.createSlos(slos, actorOf(credentials));
  }

  async exportOpenSlo(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    return exportOpenSlo(await this.get(id, credentials));
  }

  /** A visible SLO, the moment `at` names and the SLO's latest snapshot as of then, if any. */
  private async latestSnapshot(
    id: string,
    at: Date | undefined,
    credentials: BackstageCredentials,
  ) {
    const slo = await this.get(id, credentials);
    const moment = this.moment(at);
    const snapshots = await this.deps.store.latestSnapshots([id], moment);
    const stored = snapshots.get(id);
    return {
      slo,
      moment,
      snapshot: stored && withRecordedExclusions(slo, stored),
    };
  }

  /** The status of one SLO as of `at`: its snapshot when fresh, else evaluated now (not stored). */
  async status(
    id: string,
    at: Date | undefined,
    credentials: BackstageCredentials,
  ): Promise<SloEvaluation> {
    // Checked before anything is evaluated: a hidden SLO costs its metric source nothing.
    const { slo, moment, snapshot } = await this.latestSnapshot(
      id,
      at,
      credentials,
    );
    const versionAt = await sloVersionsAt(this.deps.store, [slo], at);
    if (snapshot && !this.isStale(snapshot, moment, versionAt(slo))) {
      return this.deps.evaluator.withQueryLinks(slo, snapshot);
    }
    // Asks the source: a read on demand, from the caller's allowance.
    const refused = this.refuseOnDemandRead(credentials);
    if (refused) {
      throw new TooManyRequestsError(
        `SLO ${id} has no fresh snapshot as of ${moment.toISOString()}, and ${
          refused.reason
        }`,
        refused.retryAfterSeconds,
      );
    }
    return this.deps.evaluator.withQueryLinks(
      slo,
      await this.runOnDemandRead(credentials, () =>
        this.deps.evaluator.evaluate(slo, moment),
      ),
    );
  }

  /**
   * Takes one read of a metric source that stores nothing (a status no fresh snapshot covers, an
   * open incident's budget cost; one per SLO asked) from the caller's allowance of on-demand reads:
   * the size and refill of {@link SloService.evaluate}'s, keyed by the principal as previews are,
   * and apart from both. Undefined when taken; else why not, with when to retry.
   */
  takeOnDemandRead(credentials: BackstageCredentials): string | undefined {
    return this.refuseOnDemandRead(credentials)?.reason;
  }

  /** {@link SloService.takeOnDemandRead}, with the seconds until the allowance refills by one. */
  private refuseOnDemandRead(
    credentials: BackstageCredentials,
  ): { reason: string; retryAfterSeconds: number } | undefined {
    const now = this.now().getTime();
    const limit = this.onDemandLimit(`read:${actorOf(credentials)}`, now);
    if (limit.allowance >= 1) {
      limit.allowance -= 1;
      return undefined;
    }
    const { burst, intervalMs } = this.onDemandSettings;
    const retryAfterSeconds = this.retryInSeconds(limit, now);
    return {
      reason: `your on-demand reads of metric sources are used up (${burst}, one more every ${
        intervalMs / 1000
      } s) — retry in ${retryAfterSeconds} s`,
      retryAfterSeconds,
    };
  }

  /**
   * The latest stored evaluation of an SLO as of `at` with its explanation and query links: what
   * the entity's list shows, explained. Never evaluates; a NotFoundError when none is stored.
   */
  async snapshot(
    id: string,
    at: Date | undefined,
    credentials: BackstageCredentials,
  ): Promise<SloEvaluation> {
    const { slo, moment, snapshot } = await this.latestSnapshot(
      id,
      at,
      credentials,
    );
    if (!snapshot) {
      throw new NotFoundError(
        `SLO ${id} has no stored evaluation as of ${moment.toISOString()}`,
      );
    }
    return this.deps.evaluator.withQueryLinks(slo, snapshot);
  }

  /**
   * Every SLO of an entity with its latest snapshot as of `at`, without the snapshot's
   * explanation (most of its size; `snapshot` reads it when asked); never queries a metric source.
   */
  async entityStatuses(
    entityRef: string,
    at: Date | undefined,
  ): Promise<EntitySlo[]> {
    const ref = sloEntityRef(entityRef);
    const byEntity = await this.entitiesStatuses([ref], at);
    return byEntity.get(ref)!;
  }

  /**
   * {@link SloService.entityStatuses} of several entities (normalised refs) as of one moment, in
   * one store read: every ref maps to its list, empty when it has no SLO. `atField` names where
   * the request gave `at`, for the 400 of a future moment.
   */
  async entitiesStatuses(
    entityRefs: readonly string[],
    at: Date | undefined,
    atField?: string,
  ): Promise<Map<string, EntitySlo[]>> {
    const moment = asOfMoment(at, this.now(), atField);
    const byEntity = await this.deps.store.entitiesSlosWithLatest(
      entityRefs,
      moment,
    );
    const versionAt = await sloVersionsAt(
      this.deps.store,
      [...byEntity.values()].flat().map(item => item.slo),
      at,
    );
    const statuses = new Map<string, EntitySlo[]>();
    for (const ref of entityRefs) {
      const items = byEntity.get(ref) ?? [];
      statuses.set(
        ref,
        items.map(({ slo, latest: stored }) => {
          if (!stored) return { slo, stale: true };
          const { explanation: _, ...evaluation } = stored;
          return {
            slo,
            evaluation: withRecordedExclusions(slo, evaluation),
            stale: this.isStale(stored, moment, versionAt(slo)),
          };
        }),
      );
    }
    return statuses;
  }

  /** A snapshot older than this many seconds is stale (`stewardship.slos.evaluation.staleAfter`). */
  get stalenessSeconds(): number {
    return this.deps.stalenessMs / 1000;
  }

  /** When the SLO's current breach began (see `SloStore.breachStartedAt`). */
  async breachStartedAt(
    sloId: string,
    until: Date,
  ): Promise<string | undefined> {
    return this.deps.store.breachStartedAt(sloId, until);
  }

  /** The best availability the entity's dependencies allow; see readDependencyCeiling. */
  async dependencyCeiling(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityDependencyCeiling> {
    return readDependencyCeiling(this.deps, entityRef, credentials);
  }

  /**
   * The SLO's snapshots over `[from, to]`, thinned to `limit` points. `to` defaults to `at` (the
   * history as of that moment, as every computed route takes it), else now, and may not be after
   * `at`; `from` defaults to the start of the SLO window ending at `to`, not before 1970.
   */
  async history(
    id: string,
    range: { from?: Date; to?: Date; at?: Date; limit: number },
    credentials: BackstageCredentials,
  ): Promise<SloHistory> {
    const slo = await this.get(id);
    // The catalog answers while the history is read: the route waits for the slower of the two,
    // not their sum, and nothing is returned before the check has passed. A bad range is told
    // only after it, so a hidden SLO answers 404 whatever the query.
    const readable = this.assertReadable(slo, credentials);
    let bounds: { from: Date; to: Date };
    try {
      bounds = this.historyBounds(slo, range);
    } catch (error) {
      await readable;
      throw error;
    }
    const { from, to } = bounds;
    const [, points] = await Promise.all([
      readable,
      this.deps.store.snapshotHistory(id, { from, to, limit: range.limit }),
    ]);
    return {
      sloId: id,
      from: from.toISOString(),
      to: to.toISOString(),
      points,
      // Computed here, so the UI need not carry time-zone rules to shade a chart.
      excluded: excludedIntervals(
        slo.corrections ?? [],
        from.getTime(),
        to.getTime(),
      ).map(interval => ({
        start: new Date(interval.start).toISOString(),
        end: new Date(interval.end).toISOString(),
      })),
    };
  }

  /** A history's `from` and `to` from its query; a 400 when they make no range. */
  private historyBounds(
    slo: SloDefinition,
    range: { from?: Date; to?: Date; at?: Date },
  ): { from: Date; to: Date } {
    const asOf = this.moment(range.at);
    const to = range.to
      ? asOfMoment(range.to, this.now(), 'query parameter "to"')
      : asOf;
    if (range.at && to > asOf) {
      throw new InputError(
        'Invalid query parameter "to": must not be after "at" (the history as of that moment)',
      );
    }
    // A window reaching back before 1970 starts at 1970, as an explicit `from` must.
    const from =
      range.from ??
      new Date(Math.max(0, sloWindowAt(slo.timeWindow, to).start.getTime()));
    if (from >= to) {
      throw new InputError(historyEndProblem(range));
    }
    return { from, to };
  }

  /**
   * Evaluates one SLO now (or as of `at`) and stores the snapshot: the caller needs
   * `stewardship.slo.update` on its entity. Limited per SLO on this instance, because each call
   * queries the metric source and stores a snapshot: a request for now within
   * {@link ON_DEMAND_EVALUATION_INTERVAL_MS} of the last one for now, of the same version and
   * corrections, answers that one; every stored evaluation (now, or a past moment when
   * backfilling a history) draws on an allowance of {@link ON_DEMAND_EVALUATION_BURST} that
   * refills by one per interval; beyond it, 429.
   */
  async evaluate(
    id: string,
    at: Date | undefined,
    credentials: BackstageCredentials,
  ): Promise<SloEvaluation> {
    const slo = await this.get(id, credentials);
    await this.deps.permissions.authorize(
      credentials,
      stewardshipSloUpdatePermission,
      slo.entityRef,
    );
    const moment = this.moment(at);
    const now = this.now().getTime();
    const limit = this.onDemandLimit(id, now);
    const recent = limit.latestForNow;
    if (
      recent &&
      recent.version === slo.version &&
      recent.corrections === correctionsKey(slo) &&
      now - recent.startedAt < this.onDemandSettings.intervalMs &&
      (at === undefined || at.getTime() === recent.at)
    ) {
      return this.deps.evaluator.withQueryLinks(slo, await recent.evaluation);
    }
    if (limit.allowance < 1) {
      const wait = this.retryInSeconds(limit, now);
      throw new TooManyRequestsError(
        `SLO ${id} has used its on-demand evaluations (${
          this.onDemandSettings.burst
        }, one more every ${
          this.onDemandSettings.intervalMs / 1000
        } s) — retry in ${wait} s`,
        wait,
      );
    }
    limit.allowance -= 1;
    const evaluation = this.runOnDemandRead(credentials, () =>
      // The snapshot lands only while the SLO is still where the permission was checked.
      this.deps.runner.evaluateAndStore(slo, moment, {
        latest: at === undefined,
        expectedEntityRef: slo.entityRef,
      }),
    );
    if (at === undefined) {
      limit.latestForNow = {
        startedAt: now,
        at: moment.getTime(),
        version: slo.version,
        corrections: correctionsKey(slo),
        evaluation,
      };
    }
    // A failed evaluation stored nothing: it gives its allowance back.
    evaluation.catch(() => {
      limit.allowance = Math.min(
        this.onDemandSettings.burst,
        limit.allowance + 1,
      );
      if (limit.latestForNow?.evaluation === evaluation) {
        limit.latestForNow = undefined;
      }
    });
    return this.deps.evaluator.withQueryLinks(slo, await evaluation);
  }

  /** The SLO's on-demand allowance, refilled for the time since it was last refilled. */
  private onDemandLimit(id: string, now: number) {
    let limit = this.onDemand.get(id);
    if (!limit) {
      limit = { allowance: this.onDemandSettings.burst, refilledAt: now };
      this.onDemand.set(id, limit);
    }
    const refills = Math.floor(
      (now - limit.refilledAt) / this.onDemandSettings.intervalMs,
    );
    if (refills > 0) {
      limit.allowance = Math.min(
        this.onDemandSettings.burst,
        limit.allowance + refills,
      );
      limit.refilledAt += refills * this.onDemandSettings.intervalMs;
    }
    return limit;
  }

  /** Seconds until an allowance that is used up refills by one. */
  private retryInSeconds(limit: { refilledAt: number }, now: number) {
    return Math.ceil(
      (this.onDemandSettings.intervalMs - (now - limit.refilledAt)) / 1000,
    );
  }

  private moment(at: Date | undefined): Date {
    return asOfMoment(at, this.now());
  }

  /** Stale: older than the cadence allows, or of a version older than the SLO's at `at`. */
  private isStale(snapshot: SloEvaluation, at: Date, versionAt: number) {
    return isSnapshotStale(snapshot, at, versionAt, this.deps.stalenessMs);
  }

  /**
   * What a well-formed SLO must also satisfy here: alert-policy thresholds within the maximum burn
   * for its period, a configured metric source, and an entity the caller can see in the catalog
   * (one catalog request for all of them). Throws one InputError listing every problem; with
   * several SLOs (an import) each problem names its SLO.
   */
  private async assertFitsSetup(
    specs: SloSpec[],
    credentials: BackstageCredentials,
  ): Promise<void> {
    const sources = this.deps.evaluator.sourceNames;
    const { items: entities } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: specs.map(spec => spec.entityRef), fields: ['kind'] },
      { credentials },
    );
    const problems: Array<{ path: string; message: string }> = [];
    specs.forEach((spec, index) => {
      const prefix =
        specs.length > 1 ? `${spec.entityRef} "${spec.name}": ` : '';
      const add = (path: string, message: string) =>
        problems.push({ path: `${prefix}${path}`, message });
      const policies = resolveAlertPolicies(spec.alertPolicies, {
        objective: spec.objective,
        periodSeconds: longestPeriodSeconds(spec),
      });
      policies.problems.forEach(p => add(p.path, p.message));
      if (!sources.includes(spec.metricSource)) {
        add('metricSource', unknownSourceMessage(spec.metricSource, sources));
      }
      if (!entities[index]) {
        add('entityRef', `${spec.entityRef} is not in the catalog`);
      }
    });
    if (problems.length) {
      throw problemsError(
        specs.length > 1 ? 'Invalid SLO documents' : 'Invalid SLO',
        problems,
      );
    }
  }
}

/** Why `name` cannot be an SLO's metric source here, naming the ones that can. */
function unknownSourceMessage(name: string, sources: string[]): string {
  return `no metric source "${name}" is configured under stewardship.metricSources (configured: ${
    sources.join(', ') || 'none'
  })`;
}

/**
 * The SLO's corrections as one string, equal only for the same set: corrections are added and
 * deleted, never changed, so their ids say which set it is.
 */
function correctionsKey(slo: SloDefinition): string {
  return (slo.corrections ?? [])
    .map(correction => correction.id)
    .sort()
    .join(',');
}

/**
 * Why a history's range is empty, naming what ends it: `to`, else `at`, else now (a `from` is not
 * "before to" when no `to` was sent). Without `from` only a history ending at the first instant
 * of 1970 is empty: its default start is clamped there.
 */
function historyEndProblem(range: { from?: Date; to?: Date; at?: Date }) {
  if (!range.from) {
    return `Invalid query parameter "${
      range.to ? 'to' : 'at'
    }": must be after 1970-01-01T00:00:00Z, for the history to cover some time`;
  }
  if (range.to) return 'Invalid query parameter "from": must be before "to"';
  return range.at
    ? 'Invalid query parameter "from": must be before "at", where the history ends when no "to" is given'
    : 'Invalid query parameter "from": must be before now, where the history ends when neither "to" nor "at" is given';
}
