/*
 * The bodies of the SLO routes' responses, shared by the backend (which answers them) and the
 * frontend client (which reads them).
 */
import { SloDefinition, SloEvaluationSummary, SloHistoryPoint } from './types';

/**
 * One SLO of an entity with its latest evaluation, as listed by
 * `GET /entities/{kind}/{namespace}/{name}/slos`.
 *
 * @public
 */
export interface EntitySlo {
  /** The SLO definition. */
  slo: SloDefinition;
  /**
   * The latest snapshot as of the requested moment, without its explanation; absent when never
   * evaluated by then.
   */
  evaluation?: SloEvaluationSummary;
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
  /**
   * A snapshot older than this many seconds is stale (`stewardship.slos.evaluation.staleAfter`):
   * a page left open marks an SLO stale once its snapshot grows this old. Absent from backends
   * older than this field, whose answers are stale only as read.
   */
  stalenessSeconds?: number;
  /** The entity's SLOs. */
  items: EntitySlo[];
}

/**
 * Whether a snapshot evaluated as of `snapshotAt` (ISO) is too old to stand for its SLO at `at`:
 * older than `stalenessMs` (`stewardship.slos.evaluation.staleAfter`), not as old as. The backend
 * marks an SLO `stale` by it (and by its version); a page left open marks its SLOs by it as they
 * age, with the `stalenessSeconds` its answer carried.
 *
 * @public
 */
export function isSnapshotTooOld(
  snapshotAt: string,
  at: Date,
  stalenessMs: number,
): boolean {
  return at.getTime() - Date.parse(snapshotAt) > stalenessMs;
}

/**
 * The first moment (to the millisecond) at which {@link isSnapshotTooOld} holds for a snapshot
 * evaluated as of `snapshotAt`: one millisecond past `stalenessMs`. An answer that marks the SLO
 * current stops being true then, though nothing new was stored.
 *
 * @public
 */
export function snapshotTooOldFrom(
  snapshotAt: string,
  stalenessMs: number,
): Date {
  return new Date(Date.parse(snapshotAt) + stalenessMs + 1);
}

/**
 * The most entities one `POST /slos/by-entities` request may name.
 *
 * @public
 */
export const SLOS_BY_ENTITIES_MAX_REFS = 100;

/**
 * The body of `POST /slos/by-entities`: the SLOs of several entities in one request.
 *
 * @public
 */
export interface SlosByEntitiesRequest {
  /**
   * 1 to {@link SLOS_BY_ENTITIES_MAX_REFS} entity refs, in the order the answer keeps; a bare name
   * means a component. A ref may repeat (each position is answered).
   */
  entityRefs: string[];
  /** ISO time to read the statuses as of (not in the future); default now. */
  at?: string;
}

/**
 * The answer of `POST /slos/by-entities`.
 *
 * @public
 */
export interface SlosByEntities {
  /** ISO time every entity's statuses are as of. */
  at: string;
  /**
   * One per requested ref, in the request's order: what
   * `GET /entities/{kind}/{namespace}/{name}/slos` answers for it, or null where that route
   * answers 404 (the entity is not in the catalog, or the caller may not read it).
   */
  items: Array<EntitySlos | null>;
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
