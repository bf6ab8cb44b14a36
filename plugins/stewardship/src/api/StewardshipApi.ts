import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  EntityBacklog,
  EntityDependencyCeiling,
  EntityIncidentSummary,
  EntitySlos,
  Incident,
  IncidentActionItem,
  IncidentActionItemCreateRequest,
  IncidentActionItemPatchRequest,
  IncidentCreateRequest,
  IncidentPatchRequest,
  ReleaseGate,
  ReleaseGateOverride,
  EntityOwnership,
  OwnershipAttestation,
  OwnershipExemption,
  OwnershipRole,
  OwnershipScorecard,
  ScorecardFilter,
  ScorecardGroupBy,
  MetricSourceSummary,
  SloDefinition,
  SloEvaluation,
  SloHistory,
  SloOverview,
  PlanningReview,
  SloOverviewFilter,
  SloSpec,
  SloCorrection,
  SloCorrectionSpec,
  SloRevisionSummary,
  SlosByEntities,
} from '@stewardship/backstage-plugin-stewardship-common';

/**
 * What the reads the plugin's hooks make take besides their own arguments (the CSV downloads,
 * `getSlo`, `listMetricSources` and `exportSloOpenSlo` take none).
 *
 * @public
 */
export interface StewardshipRequestOptions {
  /**
   * Stops the request (it then rejects with an `AbortError`): the hooks abort a read whose answer
   * would no longer be shown (newer inputs, the view gone), so it stops holding one of the
   * browser's few connections to the backend.
   */
  signal?: AbortSignal;
}

/**
 * What to ask `GET /ownership/scorecard` for: the filters, an optional
 * grouping, and the page of failing entities.
 *
 * @public
 */
export interface OwnershipScorecardQuery extends ScorecardFilter {
  /** Adds coverage per owning group, system, domain or kind. */
  groupBy?: ScorecardGroupBy;
  /** Index of the first failing entity to return. */
  offset?: number;
  /** Page size of the failing entities. */
  limit?: number;
}

/**
 * What to ask `GET /slos/{id}/history` for. Without `from`, the backend
 * returns the SLO window ending at `to` (default now).
 *
 * @public
 */
export interface SloHistoryQuery {
  /** Oldest point to return. */
  from?: Date;
  /** Newest point to return (the "as of" moment). */
  to?: Date;
  /** At most this many points, thinned evenly (2 to 5000; backend default 500). */
  limit?: number;
}

/**
 * Options of {@link (StewardshipApi:interface).(importSlos:1) | StewardshipApi.importSlos}.
 *
 * @public
 */
export interface SloImportOptions {
  /** Validate only: returns the SLOs that would be created and stores nothing. */
  dryRun: boolean;
  /** Owner of SLOs whose documents name no service. */
  entityRef?: string;
  /**
   * The metric source (a name under `stewardship.metricSources`) of the SLOs that name none: every
   * Sloth SLO, and an OpenSLO SLO none of whose metrics has a `metricSourceRef`. Without it the
   * backend takes the first configured source. It never replaces a `metricSourceRef`.
   */
  metricSource?: string;
}

/**
 * Client for the Stewardship backend.
 *
 * @public
 */
export interface StewardshipApi {
  /** The three ownership roles of one entity, with their status. */
  getEntityOwnership(
    entityRef: CompoundEntityRef | string,
    options?: StewardshipRequestOptions,
  ): Promise<EntityOwnership>;

  /** Coverage across the catalog, optional groups and a page of failing entities. */
  getOwnershipScorecard(
    query?: OwnershipScorecardQuery,
    options?: StewardshipRequestOptions,
  ): Promise<OwnershipScorecard>;

  /** The failing entities matching the filters, as CSV text. */
  getOwnershipScorecardCsv(query?: ScorecardFilter): Promise<string>;

  /**
   * Every SLO the user may see with its latest stored status and budget, and the SLO coverage
   * of the catalog (entities without an SLO, broken SLIs, stale evaluations), as of `at`
   * (default now). Reads stored snapshots only, never a metric source.
   */
  getSloOverview(
    filter?: SloOverviewFilter,
    options?: { at?: Date } & StewardshipRequestOptions,
  ): Promise<SloOverview>;

  /**
   * The planning review of a system, domain or group (`scope`, an entity ref) over `[from, to]`
   * (default: the 30 days up to now). Reads stored data only.
   */
  getPlanningReview(
    query: {
      scope: string;
      from?: Date;
      to?: Date;
    },
    options?: StewardshipRequestOptions,
  ): Promise<PlanningReview>;

  /** The SLOs of {@link StewardshipApi.getSloOverview} matching the filters, as CSV text. */
  getSloOverviewCsv(
    filter?: SloOverviewFilter,
    options?: { at?: Date },
  ): Promise<string>;

  /**
   * An entity's SLOs with their latest stored evaluations as of `at`
   * (default now). Reads stored snapshots only, never a metric source.
   */
  getEntitySlos(
    entityRef: CompoundEntityRef | string,
    options?: { at?: Date } & StewardshipRequestOptions,
  ): Promise<EntitySlos>;

  /**
   * The SLOs of several entities (1 to `SLOS_BY_ENTITIES_MAX_REFS`, 100; a bare name is a
   * component) as of one moment `at` (default now), in one request: one item per ref in the given
   * order, each what {@link StewardshipApi.getEntitySlos} returns for it, or null where that would
   * reject with a 404 (the entity is not in the catalog, or the user may not see it). Reads stored
   * snapshots only, never a metric source.
   */
  getSlosByEntities(
    entityRefs: ReadonlyArray<CompoundEntityRef | string>,
    options?: { at?: Date } & StewardshipRequestOptions,
  ): Promise<SlosByEntities>;

  /**
   * One SLO's latest stored evaluation as of `at` (default now) with its explanation (queries,
   * formulas, links): the figures {@link StewardshipApi.getEntitySlos} lists, explained.
   */
  getSloSnapshot(
    id: string,
    options?: { at?: Date } & StewardshipRequestOptions,
  ): Promise<SloEvaluation>;

  /**
   * The availability the entity's dependencies (its `dependsOn` relations) allow it to promise,
   * from their stored availability SLOs.
   */
  getEntityDependencyCeiling(
    entityRef: CompoundEntityRef | string,
    options?: StewardshipRequestOptions,
  ): Promise<EntityDependencyCeiling>;

  /** Whether the entity may ship: the error-budget policy over its SLOs as of `at` (default now). */
  getEntityReleaseGate(
    entityRef: CompoundEntityRef | string,
    options?: { at?: Date } & StewardshipRequestOptions,
  ): Promise<ReleaseGate>;

  /**
   * The entity's open work items from its trackers and the built-in items (breached SLOs, open
   * incident action items), with health figures; a failing tracker is a provider in `error`,
   * never a rejection.
   */
  getEntityBacklog(
    entityRef: CompoundEntityRef | string,
    options?: StewardshipRequestOptions,
  ): Promise<EntityBacklog>;

  /**
   * Makes one role of the entity `exempt` until `expiresAt` (at most the configured maximum,
   * 180 days by default); a 400 names the field, a 409 says the role is already exempt.
   */
  createOwnershipExemption(
    entityRef: CompoundEntityRef | string,
    exemption: { role: OwnershipRole; reason: string; expiresAt: string },
  ): Promise<OwnershipExemption>;

  /** Removes an exemption: the role is what the catalog says again. */
  deleteOwnershipExemption(
    entityRef: CompoundEntityRef | string,
    exemptionId: string,
  ): Promise<void>;

  /** Confirms the role's owner as the catalog names it now (by its holder or an entity owner). */
  attestOwnershipRole(
    entityRef: CompoundEntityRef | string,
    role: OwnershipRole,
  ): Promise<OwnershipAttestation>;

  /** Overrides a blocking gate until `expiresAt` (block becomes warn); a 400 names the field. */
  createReleaseGateOverride(
    entityRef: CompoundEntityRef | string,
    override: { justification: string; expiresAt: string },
  ): Promise<ReleaseGateOverride>;

  /**
   * Incidents of an entity detected in [from, to), newest first (at most `limit`, default 100),
   * without their timelines and action items.
   */
  listEntityIncidents(
    entityRef: CompoundEntityRef | string,
    query?: { from?: Date; to?: Date; limit?: number },
    options?: StewardshipRequestOptions,
  ): Promise<{ items: Incident[]; totalCount: number }>;

  /**
   * One incident with its timeline, action items and what it cost each affected SLO's budget.
   * With `at` (a past moment, not before the incident started) the cost of an incident still
   * open then is its cost up to that moment; the record is always the current one.
   */
  getIncident(
    id: string,
    options?: { at?: Date } & StewardshipRequestOptions,
  ): Promise<Incident>;

  /** Records an incident; a 400 names the field that is wrong. */
  createIncident(incident: IncidentCreateRequest): Promise<Incident>;

  /** Changes an incident; rejects with a 409 when `version` is no longer the current one. */
  updateIncident(id: string, patch: IncidentPatchRequest): Promise<Incident>;

  /** Adds an action item to an incident. */
  createIncidentActionItem(
    incidentId: string,
    item: IncidentActionItemCreateRequest,
  ): Promise<IncidentActionItem>;

  /** Changes an action item (e.g. marks it done). */
  updateIncidentActionItem(
    incidentId: string,
    itemId: string,
    patch: IncidentActionItemPatchRequest,
  ): Promise<IncidentActionItem>;

  /**
   * Count, MTTA, MTTM, MTTR and MTTD (median and mean) per severity of the entity's incidents
   * detected in [from, to) (default the 90 days up to now); fire drills apart.
   */
  getEntityIncidentSummary(
    entityRef: CompoundEntityRef | string,
    period?: { from?: Date; to?: Date },
    options?: StewardshipRequestOptions,
  ): Promise<EntityIncidentSummary>;

  /** One SLO definition by id. */
  getSlo(id: string): Promise<SloDefinition>;

  /** An SLO's stored snapshots, oldest first, for burndown and SLI charts. */
  getSloHistory(
    id: string,
    query?: SloHistoryQuery,
    options?: StewardshipRequestOptions,
  ): Promise<SloHistory>;

  /** The configured metric sources with their types and health, ordered by name. */
  listMetricSources(): Promise<MetricSourceSummary[]>;

  /** Creates an SLO; a 400 names every invalid field. */
  createSlo(spec: SloSpec): Promise<SloDefinition>;

  /**
   * Evaluates a stored SLO now against its metric source and stores the snapshot
   * (`POST /slos/{id}/evaluate`; needs the permission to change the SLO, and each SLO has a
   * small on-demand allowance: a 429 once it is used). `signal` stops waiting for the answer;
   * the backend finishes and stores the evaluation all the same.
   */
  evaluateSlo(
    id: string,
    options?: StewardshipRequestOptions,
  ): Promise<SloEvaluation>;

  /**
   * Evaluates an unsaved SLO now against its metric source and stores nothing
   * (`POST slos/preview`), so a broken SLI is caught before saving; a 400 names every invalid
   * field.
   */
  previewSlo(spec: SloSpec): Promise<SloEvaluation>;

  /** Adds a correction (a period the SLO does not count); a 400 names the invalid field. */
  createSloCorrection(
    sloId: string,
    correction: SloCorrectionSpec,
  ): Promise<SloCorrection>;

  /** Removes a correction. */
  deleteSloCorrection(sloId: string, correctionId: string): Promise<void>;

  /** Who changed the SLO when, oldest first, with the spec fields each update touched. */
  listSloRevisions(
    sloId: string,
    options?: StewardshipRequestOptions,
  ): Promise<SloRevisionSummary[]>;

  /** Replaces an SLO; rejects with a 409 when `version` is no longer the current one. */
  updateSlo(
    id: string,
    spec: SloSpec & { version: number },
  ): Promise<SloDefinition>;

  /** Deletes an SLO (its history is kept by the backend). */
  deleteSlo(id: string): Promise<void>;

  /**
   * Imports OpenSLO v1 or Sloth YAML, all or nothing, and returns the stored SLOs with their ids
   * (`POST /slos/import` answers 201 with them). A 400 lists the problems by document and path.
   */
  importSlos(
    yaml: string,
    options: SloImportOptions & { dryRun: false },
  ): Promise<SloDefinition[]>;

  /**
   * With `dryRun` nothing is stored and the SLOs that would be created are returned, without ids;
   * a 400 lists the problems by document and path. With a `dryRun` known only at run time, the
   * SLOs either way.
   */
  importSlos(yaml: string, options: SloImportOptions): Promise<SloSpec[]>;

  /** The SLO as an OpenSLO v1 YAML document. */
  exportSloOpenSlo(id: string): Promise<string>;
}

/**
 * Reference to the {@link StewardshipApi}.
 *
 * @public
 */
export const stewardshipApiRef = createApiRef<StewardshipApi>({
  id: 'plugin.stewardship.api',
});
