import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  BacklogFigures,
  BacklogItem,
  BacklogProviderState,
  EntityDependencyCeiling,
  Incident,
  IncidentActionItem,
  IncidentPeriodFigures,
  IncidentSeverity,
  IncidentStatus,
  ReleaseGate,
  ReleaseGateOverride,
  EntityOwnership,
  OwnershipAttestation,
  OwnershipExemption,
  OwnershipRole,
  OwnershipScorecard,
  ScorecardFilter,
  ScorecardGroupBy,
  SloDefinition,
  SloEvaluation,
  SloHistoryPoint,
  SloOverview,
  PlanningReview,
  SloOverviewFilter,
  SloSpec,
  SloCorrection,
  SloCorrectionSpec,
  SloRevisionSummary,
} from '@stewardship/backstage-plugin-stewardship-common';

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
 * An SLO's snapshots for a burndown chart, as `GET /slos/{id}/history` returns them.
 *
 * @public
 */
export interface SloHistory {
  /** The SLO's id. */
  sloId: string;
  /** ISO start of the range covered. */
  from: string;
  /** ISO end of the range covered. */
  to: string;
  /** The points, oldest first. */
  points: SloHistoryPoint[];
  /** The time the SLO's corrections exclude within the range, oldest first (ISO). */
  excluded?: Array<{ start: string; end: string }>;
}

/**
 * One SLO of an entity with its latest evaluation, as listed by
 * `GET /entities/{kind}/{namespace}/{name}/slos`.
 *
 * @public
 */
export interface EntitySlo {
  /** The SLO definition. */
  slo: SloDefinition;
  /** The latest snapshot as of the requested moment; absent when never evaluated by then. */
  evaluation?: SloEvaluation;
  /** True when the snapshot is missing or older than twice the evaluation cadence. */
  stale: boolean;
}

/**
 * An entity's SLOs with their statuses as of one moment: the body of
 * `GET /entities/{kind}/{namespace}/{name}/slos`.
 *
 * @public
 */
export interface EntitySlos {
  /** The entity, as the backend normalised its ref. */
  entityRef: string;
  /** ISO time the statuses are as of. */
  at: string;
  /** The entity's SLOs. */
  items: EntitySlo[];
}

/**
 * A metric source's health, from a cheap probe the backend caches for about 30 s.
 *
 * @public
 */
export type MetricSourceHealth =
  | { status: 'ok'; checkedAt: string }
  | { status: 'down'; reason: string; checkedAt: string }
  | { status: 'unknown'; reason: string };

/**
 * A metric source configured under `stewardship.metricSources`, as listed by
 * `GET /metric-sources`.
 *
 * @public
 */
export interface MetricSourceSummary {
  /** The key an SLO's `metricSource` names. */
  name: string;
  /** E.g. `prometheus`, `datadog`. */
  type: string;
  /** Whether the source answered its last probe. */
  health: MetricSourceHealth;
}

/**
 * Options of {@link StewardshipApi.importSlos}.
 *
 * @public
 */
export interface SloImportOptions {
  /** Validate only: returns the SLOs that would be created and stores nothing. */
  dryRun: boolean;
  /** Owner of SLOs whose documents name no service. */
  entityRef?: string;
}

/**
 * An entity's open work items with the backlog health figures and each provider's state: the
 * body of `GET /entities/{kind}/{namespace}/{name}/backlog`.
 *
 * @public
 */
export interface EntityBacklog {
  /** The entity, as the backend normalised its ref. */
  entityRef: string;
  /** Open items of every provider, merged by rank (all rank-1 items first). */
  items: BacklogItem[];
  /** The health figures over those items (definitions in `-common`'s `computeBacklogFigures`). */
  figures: BacklogFigures;
  /** The providers that apply to the entity; one in `error` makes the backlog partial. */
  providers: BacklogProviderState[];
}

/**
 * A new incident, the body of `POST /incidents`. Moments are ISO 8601 and must be in the order
 * `startedAt` ≤ `detectedAt` ≤ `acknowledgedAt` ≤ `mitigatedAt` ≤ `resolvedAt`; a 400 names the
 * field that breaks it.
 *
 * @public
 */
export interface IncidentCreateRequest {
  /** The entity it belongs to. */
  entityRef: string;
  /** A short summary. */
  title: string;
  /** Longer free text. */
  description?: string;
  /** How bad it is. */
  severity: IncidentSeverity;
  /** Where it is in its life; default `triggered`. */
  status?: IncidentStatus;
  /** When the failure began, if known. */
  startedAt?: string;
  /** When it was noticed; default now. */
  detectedAt?: string;
  /** When a responder took it on. */
  acknowledgedAt?: string;
  /** When users stopped being hurt. */
  mitigatedAt?: string;
  /** When it was closed. */
  resolvedAt?: string;
  /** Ids of the SLOs whose error budget it spent. */
  affectedSloIds?: string[];
  /** The postmortem document, http(s). */
  postmortemUrl?: string;
  /** An exercise, reported apart from real incidents. */
  fireDrill?: boolean;
}

/**
 * Changes to an incident, the body of `PATCH /incidents/{id}`: only the fields given change, `null`
 * clears an optional one. `version` is the version last read (a 409 when someone changed it since).
 *
 * @public
 */
export interface IncidentPatchRequest {
  /** The version last read. */
  version: number;
  /** A new title. */
  title?: string;
  /** A new description, or null for none. */
  description?: string | null;
  /** A new severity. */
  severity?: IncidentSeverity;
  /** When the failure began, or null when unknown. */
  startedAt?: string | null;
  /** When it was noticed. */
  detectedAt?: string;
  /** A new status; its moment is now unless given. */
  status?: IncidentStatus;
  /** When a responder took it on. */
  acknowledgedAt?: string | null;
  /** When users stopped being hurt. */
  mitigatedAt?: string | null;
  /** When it was closed. */
  resolvedAt?: string | null;
  /** The postmortem document, http(s). */
  postmortemUrl?: string | null;
  /** Whether it is an exercise. */
  fireDrill?: boolean;
  /** Ids of the SLOs whose error budget it spent. */
  affectedSloIds?: string[];
  /** Added to the timeline as a note. */
  note?: string;
}

/**
 * A new action item, the body of `POST /incidents/{id}/action-items`.
 *
 * @public
 */
export interface IncidentActionItemCreateRequest {
  /** What to do. */
  title: string;
  /** Who does it: a user or group ref (a bare name means a group). */
  ownerRef?: string;
  /** When it is due, `YYYY-MM-DD`. */
  dueDate?: string;
  /** Default `open`. */
  status?: 'open' | 'done';
  /** A link to the ticket or document, http(s). */
  link?: string;
}

/**
 * Changes to an action item, the body of `PATCH /incidents/{id}/action-items/{itemId}`; `null`
 * clears an optional field.
 *
 * @public
 */
export interface IncidentActionItemPatchRequest {
  /** A new title. */
  title?: string;
  /** A new owner, or null for none. */
  ownerRef?: string | null;
  /** A new due date (`YYYY-MM-DD`), or null for none. */
  dueDate?: string | null;
  /** `open` or `done`. */
  status?: 'open' | 'done';
  /** A new link, or null for none. */
  link?: string | null;
}

/**
 * An entity's incident figures over a period, the body of
 * `GET /entities/{kind}/{namespace}/{name}/incidents/summary`. The figures are defined in the
 * common package (`summarizeIncidents`).
 *
 * @public
 */
export interface EntityIncidentSummary extends IncidentPeriodFigures {
  /** The entity, as the backend normalised its ref. */
  entityRef: string;
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
  ): Promise<EntityOwnership>;

  /** Coverage across the catalog, optional groups and a page of failing entities. */
  getOwnershipScorecard(
    query?: OwnershipScorecardQuery,
  ): Promise<OwnershipScorecard>;

  /** The failing entities matching the filters, as CSV text. */
  getOwnershipScorecardCsv(query?: ScorecardFilter): Promise<string>;

  /**
   * Every SLO the user may see with its latest stored status and budget, and the SLO coverage
   * of the catalog (entities without an SLO, broken SLIs, stale evaluations). Reads stored
   * snapshots only, never a metric source.
   */
  getSloOverview(filter?: SloOverviewFilter): Promise<SloOverview>;

  /**
   * The planning review of a system, domain or group (`scope`, an entity ref) over `[from, to]`
   * (default: the 30 days up to now). Reads stored data only.
   */
  getPlanningReview(query: {
    scope: string;
    from?: Date;
    to?: Date;
  }): Promise<PlanningReview>;

  /** The SLOs of {@link StewardshipApi.getSloOverview} matching the filters, as CSV text. */
  getSloOverviewCsv(filter?: SloOverviewFilter): Promise<string>;

  /**
   * An entity's SLOs with their latest stored evaluations as of `at`
   * (default now). Reads stored snapshots only, never a metric source.
   */
  getEntitySlos(
    entityRef: CompoundEntityRef | string,
    options?: { at?: Date },
  ): Promise<EntitySlos>;

  /**
   * The availability the entity's dependencies (its `dependsOn` relations) allow it to promise,
   * from their stored availability SLOs.
   */
  getEntityDependencyCeiling(
    entityRef: CompoundEntityRef | string,
  ): Promise<EntityDependencyCeiling>;

  /** Whether the entity may ship: the error-budget policy over its SLOs as of `at` (default now). */
  getEntityReleaseGate(
    entityRef: CompoundEntityRef | string,
    options?: { at?: Date },
  ): Promise<ReleaseGate>;

  /**
   * The entity's open work items from its trackers and the built-in items (breached SLOs, open
   * incident action items), with health figures; a failing tracker is a provider in `error`,
   * never a rejection.
   */
  getEntityBacklog(
    entityRef: CompoundEntityRef | string,
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
    entityRef: string,
    query?: { from?: Date; to?: Date; limit?: number },
  ): Promise<{ items: Incident[]; totalCount: number }>;

  /** One incident with its timeline, action items and what it cost each affected SLO's budget. */
  getIncident(id: string): Promise<Incident>;

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
  ): Promise<EntityIncidentSummary>;

  /** One SLO definition by id. */
  getSlo(id: string): Promise<SloDefinition>;

  /** An SLO's stored snapshots, oldest first, for burndown and SLI charts. */
  getSloHistory(id: string, query?: SloHistoryQuery): Promise<SloHistory>;

  /** The configured metric sources with their types and health, ordered by name. */
  listMetricSources(): Promise<MetricSourceSummary[]>;

  /** Creates an SLO; a 400 names every invalid field. */
  createSlo(spec: SloSpec): Promise<SloDefinition>;

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
  listSloRevisions(sloId: string): Promise<SloRevisionSummary[]>;

  /** Replaces an SLO; rejects with a 409 when `version` is no longer the current one. */
  updateSlo(
    id: string,
    spec: SloSpec & { version: number },
  ): Promise<SloDefinition>;

  /** Deletes an SLO (its history is kept by the backend). */
  deleteSlo(id: string): Promise<void>;

  /**
   * Imports OpenSLO v1 or Sloth YAML, all or nothing. With `dryRun` nothing is stored and the
   * SLOs that would be created are returned; a 400 lists the problems by document and path.
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
