import {
  ReleaseGateLastKnown,
  SloCorrection,
  SloCorrectionSpec,
  SloDefinition,
  SloEvaluation,
  SloHistoryPoint,
  SloPeriodAggregate,
  SloSpec,
} from '@stewardship/backstage-plugin-stewardship-common';

/**
 * What the catalog-wide overview shows of an SLO's latest snapshot: the fields of its
 * {@link SloEvaluation} that a list of every SLO needs, and nothing it does not.
 */
export type SloSnapshotSummary = Pick<
  SloEvaluation,
  'sloVersion' | 'at' | 'status' | 'sli' | 'noDataReason' | 'reason'
> & { errorBudget?: { remaining: number } };

/** One entry of an SLO's audit log. */
export interface SloRevision {
  version: number;
  action: 'created' | 'updated' | 'deleted';
  /** Entity ref of the user or service that made the change. */
  actor: string;
  at: string;
  spec: SloSpec;
}

/** Persistence of SLO definitions and their evaluation snapshots. */
export interface SloStore {
  /** Creates an SLO; ConflictError when the entity already has a live SLO of that name. */
  createSlo(spec: SloSpec, actor: string): Promise<SloDefinition>;

  /** Creates several SLOs in one transaction: all or none. */
  createSlos(specs: SloSpec[], actor: string): Promise<SloDefinition[]>;

  /** A live SLO, or undefined (also for deleted ones). */
  getSlo(id: string): Promise<SloDefinition | undefined>;

  /**
   * The live SLOs of `ids`, keyed by id, in one read (one statement per 500 of them); deleted and
   * unknown ids are absent.
   */
  getSlos(ids: readonly string[]): Promise<Map<string, SloDefinition>>;

  /** The entities that have at least one live SLO (normalised refs). */
  sloEntityRefs(): Promise<string[]>;

  /** Live SLOs, ordered by entity and name. */
  listSlos(filter?: {
    /** Only the SLOs of these entities (normalised refs). */
    entityRefs?: readonly string[];
    /** Only the SLOs measured by these metric sources. */
    metricSources?: { in: readonly string[] } | { notIn: readonly string[] };
    offset?: number;
    limit?: number;
  }): Promise<{ items: SloDefinition[]; totalCount: number }>;

  /**
   * Replaces an SLO's spec when `expectedVersion` is its current version.
   * NotFoundError when absent or deleted; ConflictError when stale or when the new name is taken.
   */
  updateSlo(
    id: string,
    spec: SloSpec,
    expectedVersion: number,
    actor: string,
  ): Promise<SloDefinition>;

  /**
   * Marks an SLO deleted: it leaves every listing but its row, revisions and snapshots are kept.
   * NotFoundError when absent or already deleted; with `expectedVersion`, ConflictError when the
   * SLO has changed since that version was read.
   */
  deleteSlo(
    id: string,
    actor: string,
    options?: { expectedVersion?: number },
  ): Promise<void>;

  /**
   * Adds a correction (a period the SLO does not count). NotFoundError for a missing SLO; with
   * `expectedEntityRef` (the entity whose permission was checked), ConflictError when the SLO has
   * been moved to another entity since.
   */
  addCorrection(
    sloId: string,
    spec: SloCorrectionSpec,
    author: string,
    options?: { expectedEntityRef?: string },
  ): Promise<SloCorrection>;

  /**
   * Removes a correction. NotFoundError for a missing SLO or correction; with `expectedEntityRef`,
   * ConflictError when the SLO has been moved to another entity since it was checked.
   */
  deleteCorrection(
    sloId: string,
    correctionId: string,
    options?: { expectedEntityRef?: string },
  ): Promise<void>;

  /** The audit log of an SLO, oldest first (deleted SLOs too). */
  listRevisions(id: string): Promise<SloRevision[]>;

  /**
   * The version each SLO had at `at`: that of its newest revision written by then. An SLO created
   * after `at` is absent.
   */
  versionsAsOf(sloIds: string[], at: Date): Promise<Map<string, number>>;

  /**
   * When the SLO's current breach began, as of `until`: the moment of the first `exhausted` or
   * `at-risk` snapshot after the last `healthy` one (a `no-data` snapshot does not end a breach);
   * undefined when no snapshot up to `until` is a breach.
   */
  breachStartedAt(sloId: string, until: Date): Promise<string | undefined>;

  /**
   * Stores an evaluation. With `expectedEntityRef` (the entity whose permission was checked, for an
   * evaluation a user asked for), ConflictError when the SLO has been moved to another entity
   * since, and nothing is stored.
   */
  saveSnapshot(
    evaluation: SloEvaluation,
    options?: { expectedEntityRef?: string },
  ): Promise<void>;

  /** Stores a run's evaluations in one transaction: all of them or, on any failure, none. */
  saveSnapshots(evaluations: SloEvaluation[]): Promise<void>;

  /**
   * An entity's live SLOs ordered by name, each with its latest snapshot as of `at` (as
   * {@link SloStore.latestSnapshots} reads it), in one read: what the entity's SLO tab shows.
   */
  entitySlosWithLatest(
    entityRef: string,
    at: Date,
  ): Promise<Array<{ slo: SloDefinition; latest?: SloEvaluation }>>;

  /**
   * {@link SloStore.entitySlosWithLatest} of several entities in one read (one statement per 500
   * of them), keyed by ref; an entity without a live SLO is absent.
   */
  entitiesSlosWithLatest(
    entityRefs: readonly string[],
    at: Date,
  ): Promise<
    Map<string, Array<{ slo: SloDefinition; latest?: SloEvaluation }>>
  >;

  /** For each SLO, its latest snapshot evaluated as of `at` or earlier. */
  latestSnapshots(
    sloIds: string[],
    at: Date,
  ): Promise<Map<string, SloEvaluation>>;

  /**
   * For each SLO, its last known evaluated state as of `at`: of its snapshots as of `at` or
   * earlier whose status is not `no-data`, the latest (of two as of the same moment, the one
   * stored last), as its status, budget left and moment. One statement per 500 SLOs, each SLO's
   * read a backward walk of the (slo_id, at, id) index that carries the status and budget. SLOs
   * without such a snapshot are absent.
   */
  lastKnownStates(
    sloIds: string[],
    at: Date,
  ): Promise<Map<string, ReleaseGateLastKnown>>;

  /**
   * {@link SloStore.latestSnapshots} for lists of every SLO: the same snapshots, read as their
   * summaries, so thousands of SLOs never have their whole evaluations parsed and held.
   */
  latestSnapshotSummaries(
    sloIds: string[],
    at: Date,
  ): Promise<Map<string, SloSnapshotSummary>>;

  /**
   * Snapshots of one SLO with `from <= at <= to`, oldest first: all of them when they are at most
   * `limit`, otherwise the newest of each epoch-aligned time bucket (`historyBucketWidth` in
   * DatabaseSloStore.ts), at most `limit`, so a rolling window's points stay put as it moves on.
   */
  snapshotHistory(
    sloId: string,
    range: { from: Date; to: Date; limit: number },
  ): Promise<SloHistoryPoint[]>;

  /**
   * Per SLO, its snapshots with `from <= at <= to` aggregated as the planning review defines
   * (`aggregateSloSnapshots`): one grouped query for all the SLOs, read from the index
   * (slo_id, at, budget_remaining, burn_rate_1h) alone. SLOs without snapshots in the range are
   * absent.
   */
  sloPeriodAggregates(
    sloIds: string[],
    range: { from: Date; to: Date },
  ): Promise<Map<string, SloPeriodAggregate>>;

  /**
   * Deletes snapshots taken as of before `before`, oldest first, `batchSize` (default
   * {@link SNAPSHOT_PRUNE_BATCH_SIZE}) per statement; returns how many. Between statements it
   * stops with the signal's reason once `signal` is aborted, keeping what it deleted; `onDeleted`
   * hears each statement's count, so a caller whose run was aborted can still tell what went.
   */
  pruneSnapshots(
    before: Date,
    options?: {
      signal?: AbortSignal;
      batchSize?: number;
      onDeleted?: (count: number) => void;
    },
  ): Promise<number>;
}

/**
 * Snapshots one housekeeping statement deletes at most. A retention cut from 400 to 90 days
 * removes 89 million snapshots of 1,000 SLOs: one statement would hold one transaction (and on
 * SQLite the whole backend, its driver being synchronous) until all were gone, past the task's
 * timeout, when another replica would start the same delete. In batches each statement is short,
 * the event loop runs between them, and an aborted run stops between two.
 */
export const SNAPSHOT_PRUNE_BATCH_SIZE = 5_000;
