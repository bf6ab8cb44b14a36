import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  NoDataReason,
  ReleaseGateLastKnown,
  SloCorrection,
  SloCorrectionSpec,
  SloDefinition,
  SloEvaluation,
  SloHistoryPoint,
  SloPeriodAggregate,
  SloSpec,
  SloStatus,
} from '@stewardship/backstage-plugin-stewardship-common';
import { randomUUID } from 'crypto';
import { setImmediate } from 'node:timers/promises';
import { Knex } from 'knex';
import { migrateToLatest } from './migrateToLatest';
import { staleReadConflict } from '../lib/staleReadConflict';
import {
  SNAPSHOT_PRUNE_BATCH_SIZE,
  SloRevision,
  SloSnapshotSummary,
  SloStore,
} from './SloStore';

interface SloRow {
  id: string;
  entity_ref: string;
  name: string;
  metric_source: string;
  version: number;
  spec: string;
  /** JSON array of SloCorrection; null when there are none. */
  corrections?: string | null;
  created_at: number | string;
  updated_at: number | string;
  deleted_at: number | string | null;
}

interface RevisionRow {
  slo_id: string;
  version: number;
  action: SloRevision['action'];
  actor: string;
  spec: string;
  at: number | string;
}

interface SnapshotRow {
  id?: number | string;
  slo_id: string;
  slo_version: number;
  at: number | string;
  evaluated_at: number | string;
  status: SloStatus;
  sli: number | null;
  budget_remaining: number | null;
  burn_rate_1h: number | null;
  /** evaluation.reason; filled in when `summarised` (since migration 202612071000). */
  reason?: string | null;
  /** evaluation.noDataReason; filled in when `summarised`. */
  no_data_reason?: NoDataReason | null;
  /** False for snapshots stored before the two columns above existed. */
  summarised?: boolean | number;
  evaluation: string;
}

/** PostgreSQL returns bigint columns as strings. */
const ms = (value: number | string) => Number(value);
const iso = (value: number | string) => new Date(ms(value)).toISOString();

function toDefinition(row: SloRow): SloDefinition {
  const corrections = correctionsOf(row);
  return {
    ...(JSON.parse(row.spec) as SloSpec),
    id: row.id,
    version: Number(row.version),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    ...(corrections.length > 0 && { corrections }),
  };
}

function correctionsOf(row: SloRow): SloCorrection[] {
  return row.corrections
    ? (JSON.parse(row.corrections) as SloCorrection[])
    : [];
}

function toSnapshotRow(evaluation: SloEvaluation): SnapshotRow {
  return {
    slo_id: evaluation.sloId,
    slo_version: evaluation.sloVersion,
    at: Date.parse(evaluation.at),
    evaluated_at: Date.parse(evaluation.evaluatedAt),
    status: evaluation.status,
    sli: evaluation.sli ?? null,
    budget_remaining: evaluation.errorBudget?.remaining ?? null,
    burn_rate_1h:
      evaluation.burnRates.find(b => b.window === '1h')?.burnRate ?? null,
    reason: evaluation.reason ?? null,
    no_data_reason: evaluation.noDataReason ?? null,
    summarised: true,
    evaluation: JSON.stringify(evaluation),
  };
}

/** Unique-index violations on SQLite and PostgreSQL, for the race the pre-check cannot close. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/**
 * 409: the SLO was moved to another entity after the caller's permission was checked on the one
 * it was on. The new entity is not named: the caller may not be allowed to read it.
 */
function movedSinceRead(sloId: string) {
  return staleReadConflict(
    `SLO ${sloId} changed since you read it: it was moved to another entity`,
  );
}

const IN_CHUNK = 500;

/**
 * SQL for the id of the latest snapshot, as of a bound `at` (its one `?`), of the SLO whose id is
 * the column `sloIdColumn`; NULL when it has none. Two short descents of the (slo_id, at) index
 * whatever the history's length: the newest moment as of `at`, then of the snapshots at that
 * moment the one stored last.
 */
function latestSnapshotIdAsOf(sloIdColumn: string): string {
  return `(
    SELECT MAX(i.id) FROM slo_snapshots i
    WHERE i.slo_id = ${sloIdColumn} AND i.at = (
      SELECT MAX(j.at) FROM slo_snapshots j
      WHERE j.slo_id = ${sloIdColumn} AND j.at <= ?
    )
  )`;
}

/** {@link latestSnapshotIdAsOf} correlated with the `slos` table. */
const LATEST_OF_EACH_SLO = latestSnapshotIdAsOf('slos.id');

/** The rows of a `knex.raw` result: an array on SQLite, `{ rows }` on PostgreSQL. */
function rowsOf<Row>(result: Row[] | { rows: Row[] }): Row[] {
  return Array.isArray(result) ? result : result.rows;
}

/** What a history point shows, all carried by the history index. */
const HISTORY_COLUMNS = [
  'at',
  'status',
  'sli',
  'budget_remaining',
  'burn_rate_1h',
] as const;
type HistoryRow = Pick<SnapshotRow, (typeof HISTORY_COLUMNS)[number]>;

/**
 * The width, in milliseconds, of the buckets a history of more than `limit` snapshots is thinned
 * to: ⌊(to − from) / (limit − 1)⌋ + 1, so that the buckets from the one holding `from` to the one
 * holding `to` are at most `limit`. Buckets are aligned to the epoch (bucket k holds
 * k·width ≤ at < (k+1)·width), not to `from`: as a rolling window moves on, its width stays the
 * same and so does the snapshot kept for every bucket but the newest, so a chart's points stay
 * put between refreshes instead of shifting with each new snapshot.
 */
function historyBucketWidth(range: {
  from: Date;
  to: Date;
  limit: number;
}): number {
  const span = range.to.getTime() - range.from.getTime();
  return Math.floor(span / (range.limit - 1)) + 1;
}

/** The knex-backed {@link SloStore}, on SQLite or PostgreSQL. */
export class DatabaseSloStore implements SloStore {
  private constructor(
    private readonly db: Knex,
    private readonly now: () => Date,
  ) {}

  /** A store on an already migrated database; `StewardshipDatabase` hands it out. */
  static fromClient(
    client: Knex,
    now: () => Date = () => new Date(),
  ): DatabaseSloStore {
    return new DatabaseSloStore(client, now);
  }

  /** For tests that hand in a knex instance (and optionally a clock): migrates it first. */
  static async forTest(
    client: Knex,
    now: () => Date = () => new Date(),
  ): Promise<DatabaseSloStore> {
    await migrateToLatest(client);
    return new DatabaseSloStore(client, now);
  }

  async createSlo(spec: SloSpec, actor: string): Promise<SloDefinition> {
    const [created] = await this.createSlos([spec], actor);
    return created;
  }

  async createSlos(specs: SloSpec[], actor: string): Promise<SloDefinition[]> {
    const now = this.now().getTime();
    try {
      return await this.db.transaction(async tx => {
        const created: SloDefinition[] = [];
        for (const spec of specs) {
          await this.assertNameFree(tx, spec);
          const row: SloRow = {
            id: randomUUID(),
            entity_ref: spec.entityRef,
            name: spec.name,
            metric_source: spec.metricSource,
            version: 1,
            spec: JSON.stringify(spec),
            created_at: now,
            updated_at: now,
            deleted_at: null,
          };
          await tx<SloRow>('slos').insert(row);
          await this.logRevision(tx, row, 'created', actor, now);
          created.push(toDefinition(row));
        }
        return created;
      });
    } catch (error) {
      throw this.translateUniqueViolation(error, specs);
    }
  }

  async getSlo(id: string): Promise<SloDefinition | undefined> {
    const row = await this.db<SloRow>('slos')
      .where({ id })
      .whereNull('deleted_at')
      .first();
    return row ? toDefinition(row) : undefined;
  }

  async getSlos(ids: readonly string[]): Promise<Map<string, SloDefinition>> {
    const slos = new Map<string, SloDefinition>();
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const rows = await this.db<SloRow>('slos')
        .whereIn('id', ids.slice(i, i + IN_CHUNK))
        .whereNull('deleted_at');
      for (const row of rows) slos.set(row.id, toDefinition(row));
    }
    return slos;
  }

  async sloEntityRefs(): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.db<SloRow>('slos')
      .whereNull('deleted_at')
      .distinct('entity_ref');
    return rows.map(row => row.entity_ref);
  }

  async listSlos(filter: Parameters<SloStore['listSlos']>[0] = {}) {
    const query = this.db<SloRow>('slos').whereNull('deleted_at');
    if (filter.entityRefs) {
      query.whereIn('entity_ref', filter.entityRefs);
    }
    if (filter.metricSources && 'in' in filter.metricSources) {
      query.whereIn('metric_source', filter.metricSources.in);
    } else if (filter.metricSources) {
      query.whereNotIn('metric_source', filter.metricSources.notIn);
    }
    const ordered = query.clone().orderBy([
      { column: 'entity_ref', order: 'asc' },
      { column: 'name', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    if (filter.offset === undefined && filter.limit === undefined) {
      // Unpaged (the overview, evaluation runs, reviews): the rows are the total, one round trip.
      const rows = await ordered;
      return { items: rows.map(toDefinition), totalCount: rows.length };
    }
    const [[{ count }], rows] = await Promise.all([
      query.clone().count({ count: '*' }),
      ordered.offset(filter.offset ?? 0).limit(filter.limit ?? 1_000_000),
    ]);
    return { items: rows.map(toDefinition), totalCount: Number(count) };
  }

  async updateSlo(
    id: string,
    spec: SloSpec,
    expectedVersion: number,
    actor: string,
  ): Promise<SloDefinition> {
    const now = this.now().getTime();
    try {
      return await this.db.transaction(async tx => {
        const current = await this.liveRow(tx, id);
        await this.assertNameFree(tx, spec, id);
        // The version check is in the UPDATE itself, so two concurrent writers cannot both win.
        const row: Partial<SloRow> = {
          entity_ref: spec.entityRef,
          name: spec.name,
          metric_source: spec.metricSource,
          version: expectedVersion + 1,
          spec: JSON.stringify(spec),
          updated_at: now,
        };
        const updated = await tx<SloRow>('slos')
          .where({ id, version: expectedVersion })
          .whereNull('deleted_at')
          .update(row);
        if (updated !== 1) {
          throw staleReadConflict(
            `SLO ${id} is at version ${current.version}, not ${expectedVersion}: it changed since you read it`,
          );
        }
        const next = { ...current, ...row } as SloRow;
        await this.logRevision(tx, next, 'updated', actor, now);
        return toDefinition(next);
      });
    } catch (error) {
      throw this.translateUniqueViolation(error, [spec]);
    }
  }

  async deleteSlo(
    id: string,
    actor: string,
    options: { expectedVersion?: number } = {},
  ): Promise<void> {
    const now = this.now().getTime();
    await this.db.transaction(async tx => {
      const current = await this.liveRow(tx, id);
      const { expectedVersion } = options;
      const version = Number(current.version) + 1;
      const row = tx<SloRow>('slos').where({ id }).whereNull('deleted_at');
      if (expectedVersion !== undefined) {
        // Checked in the UPDATE itself, as for updates: a change committed after the caller
        // read the SLO is not deleted unseen.
        if (Number(current.version) !== expectedVersion) {
          throw staleReadConflict(
            `SLO ${id} is at version ${current.version}, not ${expectedVersion}: it changed since you read it`,
          );
        }
        row.where({ version: expectedVersion });
      }
      const deleted = await row.update({
        deleted_at: now,
        updated_at: now,
        version,
      });
      if (deleted !== 1) {
        throw staleReadConflict(
          `SLO ${id} changed since you read it: another change was written while it was being deleted`,
        );
      }
      await this.logRevision(
        tx,
        { ...current, version },
        'deleted',
        actor,
        now,
      );
    });
  }

  async addCorrection(
    sloId: string,
    spec: SloCorrectionSpec,
    author: string,
    options: { expectedEntityRef?: string } = {},
  ): Promise<SloCorrection> {
    const correction: SloCorrection = {
      id: randomUUID(),
      reason: spec.reason,
      ...(spec.once && { once: spec.once }),
      ...(spec.weekly && { weekly: spec.weekly }),
      author,
      createdAt: this.now().toISOString(),
    };
    await this.changeCorrections(
      sloId,
      corrections => [...corrections, correction],
      options.expectedEntityRef,
    );
    return correction;
  }

  async deleteCorrection(
    sloId: string,
    correctionId: string,
    options: { expectedEntityRef?: string } = {},
  ): Promise<void> {
    await this.changeCorrections(
      sloId,
      corrections => {
        if (!corrections.some(c => c.id === correctionId)) {
          throw new NotFoundError(
            `SLO ${sloId} has no correction with id ${correctionId}`,
          );
        }
        return corrections.filter(c => c.id !== correctionId);
      },
      options.expectedEntityRef,
    );
  }

  /**
   * Read-modify-write of the corrections, the row locked (PostgreSQL) for the transaction. With
   * `expectedEntityRef`, only while the SLO is still on that entity, checked in the UPDATE itself:
   * the caller's permission was decided on it, and a move committed since must not let the change
   * land on an entity they may not write to. The move is checked before `change`, so a removal
   * that raced both a move and another removal of the same correction is the move's 409: the
   * caller's question was about an entity the SLO has left, and a 404 would say that the
   * correction is gone from an SLO still where they checked it.
   */
  private async changeCorrections(
    sloId: string,
    change: (corrections: SloCorrection[]) => SloCorrection[],
    expectedEntityRef: string | undefined,
  ) {
    await this.db.transaction(async tx => {
      const row = await tx<SloRow>('slos')
        .where({ id: sloId })
        .whereNull('deleted_at')
        .forUpdate()
        .first();
      if (!row) {
        throw new NotFoundError(`No SLO with id ${sloId}`);
      }
      if (
        expectedEntityRef !== undefined &&
        row.entity_ref !== expectedEntityRef
      ) {
        throw movedSinceRead(sloId);
      }
      const next = change(correctionsOf(row));
      const write = tx<SloRow>('slos').where({ id: sloId });
      if (expectedEntityRef !== undefined) {
        write.where({ entity_ref: expectedEntityRef });
      }
      const updated = await write.update({
        corrections: next.length ? JSON.stringify(next) : null,
      });
      if (updated !== 1) throw movedSinceRead(sloId);
    });
  }

  async listRevisions(id: string): Promise<SloRevision[]> {
    const rows = await this.db<RevisionRow>('slo_revisions')
      .where({ slo_id: id })
      .orderBy('version', 'asc');
    return rows.map(row => ({
      version: Number(row.version),
      action: row.action,
      actor: row.actor,
      at: iso(row.at),
      spec: JSON.parse(row.spec),
    }));
  }

  async versionsAsOf(sloIds: string[], at: Date): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    for (let i = 0; i < sloIds.length; i += IN_CHUNK) {
      const rows: Array<{ slo_id: string; version: number | string }> =
        await this.db<RevisionRow>('slo_revisions')
          .whereIn('slo_id', sloIds.slice(i, i + IN_CHUNK))
          .where('at', '<=', at.getTime())
          .groupBy('slo_id')
          .select('slo_id')
          .max({ version: 'version' });
      for (const row of rows) versions.set(row.slo_id, Number(row.version));
    }
    return versions;
  }

  async saveSnapshot(
    evaluation: SloEvaluation,
    options: { expectedEntityRef?: string } = {},
  ): Promise<void> {
    const { expectedEntityRef } = options;
    if (expectedEntityRef === undefined) {
      await this.db<SnapshotRow>('slo_snapshots').insert(
        toSnapshotRow(evaluation),
      );
      return;
    }
    // The row locked (PostgreSQL) until the snapshot is in: a move committed after the caller's
    // permission check must not let a snapshot land in the history of an SLO on an entity they
    // may not write to, and one committing meanwhile waits for this insert.
    await this.db.transaction(async tx => {
      const row = await tx<SloRow>('slos')
        .where({ id: evaluation.sloId })
        .forUpdate()
        .first();
      // Deleted meanwhile: no snapshot for a history nobody can read any more.
      if (!row || row.deleted_at !== null) {
        throw new NotFoundError(`No SLO with id ${evaluation.sloId}`);
      }
      if (row.entity_ref !== expectedEntityRef) {
        throw movedSinceRead(evaluation.sloId);
      }
      await tx<SnapshotRow>('slo_snapshots').insert(toSnapshotRow(evaluation));
    });
  }

  async saveSnapshots(evaluations: SloEvaluation[]): Promise<void> {
    if (evaluations.length === 0) return;
    const rows = evaluations.map(toSnapshotRow);
    // One transaction: a run's snapshots are stored together or not at all.
    await this.db.transaction(async tx => {
      for (let i = 0; i < rows.length; i += IN_CHUNK) {
        await tx<SnapshotRow>('slo_snapshots').insert(
          rows.slice(i, i + IN_CHUNK),
        );
      }
    });
  }

  async breachStartedAt(
    sloId: string,
    until: Date,
  ): Promise<string | undefined> {
    const lastHealthy = await this.db('slo_snapshots')
      .where({ slo_id: sloId, status: 'healthy' })
      .where('at', '<=', until.getTime())
      .max({ at: 'at' })
      .first();
    const query = this.db('slo_snapshots')
      .where({ slo_id: sloId })
      .whereIn('status', ['exhausted', 'at-risk'])
      .where('at', '<=', until.getTime());
    if (lastHealthy?.at !== null && lastHealthy?.at !== undefined) {
      query.where('at', '>', lastHealthy.at);
    }
    const first = await query.min({ at: 'at' }).first();
    return first?.at === null || first?.at === undefined
      ? undefined
      : iso(first.at);
  }

  async latestSnapshots(
    sloIds: string[],
    at: Date,
  ): Promise<Map<string, SloEvaluation>> {
    const latest = new Map<string, SloEvaluation>();
    const rows = await this.latestSnapshotRows<
      Pick<SnapshotRow, 'slo_id' | 'evaluation'>
    >(sloIds, at, 's.slo_id, s.evaluation');
    for (const row of rows) {
      latest.set(row.slo_id, JSON.parse(row.evaluation) as SloEvaluation);
    }
    return latest;
  }

  async lastKnownStates(
    sloIds: string[],
    at: Date,
  ): Promise<Map<string, ReleaseGateLastKnown>> {
    const known = new Map<string, ReleaseGateLastKnown>();
    for (let i = 0; i < sloIds.length; i += IN_CHUNK) {
      const chunk = sloIds.slice(i, i + IN_CHUNK);
      // Per SLO, the history index walked back from `at` to the first snapshot with data (the
      // status is in the index on both databases), then that one row by primary key.
      const rows: Array<
        Pick<SnapshotRow, 'slo_id' | 'at' | 'status' | 'budget_remaining'>
      > = await this.db
        .raw(
          `SELECT s.slo_id, s.at, s.status, s.budget_remaining
           FROM (
             SELECT (
               SELECT k.id FROM slo_snapshots k
               WHERE k.slo_id = v.column1 AND k.at <= ? AND k.status <> 'no-data'
               ORDER BY k.at DESC, k.id DESC
               LIMIT 1
             ) AS id
             FROM (VALUES ${chunk.map(() => '(?)').join(', ')}) AS v
           ) known
           JOIN slo_snapshots s ON s.id = known.id`,
          [at.getTime(), ...chunk],
        )
        .then(result => rowsOf(result));
      for (const row of rows) {
        known.set(row.slo_id, {
          status: row.status as ReleaseGateLastKnown['status'],
          ...(row.budget_remaining !== null && {
            budgetRemaining: Number(row.budget_remaining),
          }),
          at: iso(row.at),
        });
      }
    }
    return known;
  }

  async latestSnapshotSummaries(
    sloIds: string[],
    at: Date,
  ): Promise<Map<string, SloSnapshotSummary>> {
    // Columns only: the evaluation's JSON is read (and parsed) just for snapshots stored before
    // `reason` and `no_data_reason` had columns (migration 202612071000).
    const rows = await this.latestSnapshotRows<
      Pick<
        SnapshotRow,
        | 'slo_id'
        | 'slo_version'
        | 'at'
        | 'status'
        | 'sli'
        | 'budget_remaining'
        | 'reason'
        | 'no_data_reason'
      > & { evaluation: string | null }
    >(
      sloIds,
      at,
      `s.slo_id, s.slo_version, s.at, s.status, s.sli, s.budget_remaining, s.reason,
       s.no_data_reason, CASE WHEN s.summarised THEN NULL ELSE s.evaluation END AS evaluation`,
    );
    const summaries = new Map<string, SloSnapshotSummary>();
    for (const row of rows) {
      const { reason, noDataReason } =
        row.evaluation === null
          ? {
              reason: row.reason ?? undefined,
              noDataReason: row.no_data_reason ?? undefined,
            }
          : (JSON.parse(row.evaluation) as SloEvaluation);
      summaries.set(row.slo_id, {
        sloVersion: Number(row.slo_version),
        at: iso(row.at),
        status: row.status,
        ...(row.sli !== null && { sli: Number(row.sli) }),
        ...(row.budget_remaining !== null && {
          errorBudget: { remaining: Number(row.budget_remaining) },
        }),
        ...(noDataReason !== undefined && { noDataReason }),
        ...(reason !== undefined && { reason }),
      });
    }
    return summaries;
  }

  async entitySlosWithLatest(
    entityRef: string,
    at: Date,
  ): Promise<Array<{ slo: SloDefinition; latest?: SloEvaluation }>> {
    const byEntity = await this.entitiesSlosWithLatest([entityRef], at);
    return byEntity.get(entityRef) ?? [];
  }

  async entitiesSlosWithLatest(
    entityRefs: readonly string[],
    at: Date,
  ): Promise<
    Map<string, Array<{ slo: SloDefinition; latest?: SloEvaluation }>>
  > {
    const unique = [...new Set(entityRefs)];
    const byEntity = new Map<
      string,
      Array<{ slo: SloDefinition; latest?: SloEvaluation }>
    >();
    // One statement per chunk, not listSlos + latestSnapshots: a tab's read is one round trip.
    for (let i = 0; i < unique.length; i += IN_CHUNK) {
      const chunk = unique.slice(i, i + IN_CHUNK);
      const rows: Array<SloRow & { latest_evaluation: string | null }> =
        await this.db
          .raw(
            `SELECT slos.*, s.evaluation AS latest_evaluation
             FROM slos
             LEFT JOIN slo_snapshots s ON s.id = ${LATEST_OF_EACH_SLO}
             WHERE slos.entity_ref IN (${chunk.map(() => '?').join(', ')})
               AND slos.deleted_at IS NULL
             ORDER BY slos.entity_ref ASC, slos.name ASC, slos.id ASC`,
            [at.getTime(), ...chunk],
          )
          .then(result => rowsOf(result));
      for (const row of rows) {
        const items = byEntity.get(row.entity_ref) ?? [];
        items.push({
          slo: toDefinition(row),
          ...(row.latest_evaluation !== null && {
            latest: JSON.parse(row.latest_evaluation) as SloEvaluation,
          }),
        });
        byEntity.set(row.entity_ref, items);
      }
    }
    return byEntity;
  }

  /** The latest snapshot of each SLO as of `at`, as the columns `select` names (alias `s`). */
  private async latestSnapshotRows<Row>(
    sloIds: string[],
    at: Date,
    select: string,
  ): Promise<Row[]> {
    const all: Row[] = [];
    for (let i = 0; i < sloIds.length; i += IN_CHUNK) {
      const chunk = sloIds.slice(i, i + IN_CHUNK);
      const rows: Row[] = await this.db
        .raw(
          `SELECT ${select}
           FROM (
             SELECT ${latestSnapshotIdAsOf('v.column1')} AS id
             FROM (VALUES ${chunk.map(() => '(?)').join(', ')}) AS v
           ) latest
           JOIN slo_snapshots s ON s.id = latest.id`,
          [at.getTime(), ...chunk],
        )
        .then(result => rowsOf<Row>(result));
      all.push(...rows);
    }
    return all;
  }

  async snapshotHistory(
    sloId: string,
    range: { from: Date; to: Date; limit: number },
  ): Promise<SloHistoryPoint[]> {
    const inRange = () =>
      this.db<SnapshotRow>('slo_snapshots')
        .where('slo_id', sloId)
        .whereBetween('at', [range.from.getTime(), range.to.getTime()]);
    // Counting stops at limit + 1: a long history costs as little to count as a short one.
    const counted: Array<{ n: number | string }> = await this.db
      .from(
        inRange()
          .limit(range.limit + 1)
          .select(this.db.raw('1'))
          .as('r'),
      )
      .count({ n: '*' });
    const rows: HistoryRow[] =
      Number(counted[0].n) <= range.limit
        ? await inRange()
            .orderBy([
              { column: 'at', order: 'asc' },
              { column: 'id', order: 'asc' },
            ])
            .select([...HISTORY_COLUMNS])
        : await this.newestOfEachBucket(sloId, range);
    return rows.map(row => ({
      at: iso(row.at),
      status: row.status,
      ...(row.sli !== null && { sli: Number(row.sli) }),
      ...(row.budget_remaining !== null && {
        budgetRemaining: Number(row.budget_remaining),
      }),
      ...(row.burn_rate_1h !== null && {
        burnRate1h: Number(row.burn_rate_1h),
      }),
    }));
  }

  /**
   * The newest snapshot of each epoch-aligned bucket of the range ({@link historyBucketWidth}),
   * oldest first: one backward seek of the history index per bucket (≤ limit of them) instead of
   * a read of every snapshot in the range, and the kept rows' columns from that index too, which
   * carries them (on PostgreSQL 202612081000_snapshot_history_covering_index.js, on SQLite
   * 202612091000_…_sqlite.js), not one table page per row. For 8,640 snapshots thinned to 500
   * (50 SLOs' histories read in turn, 432,000 snapshots; scratch runs through this store, old
   * and new alternating, p50): SQLite 2.3 and 3.3 ms against 4.1 and 6.3 ms, PostgreSQL 5.4
   * against 9.1 ms for the former read of the whole range's ids and buckets and then of the
   * kept rows. bench/apiLatency.bench.ts prints the plans.
   */
  private async newestOfEachBucket(
    sloId: string,
    range: { from: Date; to: Date; limit: number },
  ): Promise<HistoryRow[]> {
    const from = range.from.getTime();
    const to = range.to.getTime();
    const width = historyBucketWidth(range);
    const buckets = [Math.floor(from / width), Math.floor(to / width)];
    if (this.db.client.config.client === 'pg') {
      const result = await this.db.raw(
        `SELECT newest.* FROM generate_series(?::bigint, ?::bigint) AS k
         CROSS JOIN LATERAL (
           SELECT id, ${HISTORY_COLUMNS.join(', ')} FROM slo_snapshots
           WHERE slo_id = ?
             AND at BETWEEN GREATEST(k * ?::bigint, ?::bigint)
                        AND LEAST(k * ?::bigint + ?::bigint - 1, ?::bigint)
           ORDER BY at DESC, id DESC LIMIT 1
         ) newest
         ORDER BY newest.at, newest.id`,
        [...buckets, sloId, width, from, width, width, to],
      );
      return result.rows;
    }
    // SQLite has no LATERAL: each bucket's newest (at, id) comes from a correlated row-value
    // subquery, one backward seek, and its row from the index by (slo_id, at, id). The join
    // names the index: on its own SQLite reads the row by rowid, one table page each. (Two
    // scalar subqueries, for the id and the time, took 2.6 ms at p50 against 1.1 for this one
    // straight through better-sqlite3.)
    return this.db.raw(
      `WITH RECURSIVE
         b(k) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT k + 1 FROM b WHERE k < ?)
       SELECT ${HISTORY_COLUMNS.map(column => `s.${column}`).join(', ')}
       FROM b CROSS JOIN slo_snapshots s INDEXED BY slo_snapshots_history_idx
       WHERE s.slo_id = ? AND (s.at, s.id) = (
         SELECT i.at, i.id FROM slo_snapshots i
         WHERE i.slo_id = ? AND i.at BETWEEN MAX(b.k * ?, ?) AND MIN(b.k * ? + ? - 1, ?)
         ORDER BY i.at DESC, i.id DESC LIMIT 1
       )
       ORDER BY s.at, s.id`,
      [...buckets, sloId, sloId, width, from, width, width, to],
    );
  }

  async sloPeriodAggregates(
    sloIds: string[],
    range: { from: Date; to: Date },
  ): Promise<Map<string, SloPeriodAggregate>> {
    const aggregates = new Map<string, SloPeriodAggregate>();
    for (let i = 0; i < sloIds.length; i += IN_CHUNK) {
      // One grouped read of the (slo_id, at) index range per chunk of SLOs, whatever their number.
      const rows: Array<{
        slo_id: string;
        evaluated: number | string;
        meeting: number | string | null;
        worst: number | string | null;
      }> = await this.db('slo_snapshots')
        .whereIn('slo_id', sloIds.slice(i, i + IN_CHUNK))
        .whereBetween('at', [range.from.getTime(), range.to.getTime()])
        .groupBy('slo_id')
        .select(
          'slo_id',
          this.db.raw('COUNT(budget_remaining) AS evaluated'),
          this.db.raw(
            'SUM(CASE WHEN budget_remaining >= 0 THEN 1 ELSE 0 END) AS meeting',
          ),
          this.db.raw('MAX(burn_rate_1h) AS worst'),
        );
      for (const row of rows) {
        aggregates.set(row.slo_id, {
          evaluated: Number(row.evaluated),
          meeting: Number(row.meeting ?? 0),
          ...(row.worst !== null && { worstBurnRate1h: Number(row.worst) }),
        });
      }
    }
    return aggregates;
  }

  async pruneSnapshots(
    before: Date,
    options: {
      signal?: AbortSignal;
      batchSize?: number;
      onDeleted?: (count: number) => void;
    } = {},
  ): Promise<number> {
    const batchSize = options.batchSize ?? SNAPSHOT_PRUNE_BATCH_SIZE;
    let pruned = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      // The oldest first, found through slo_snapshots_at_idx (migration 202612121000).
      const deleted = await this.db('slo_snapshots')
        .whereIn(
          'id',
          this.db('slo_snapshots')
            .select('id')
            .where('at', '<', before.getTime())
            .orderBy('at')
            .limit(batchSize),
        )
        .delete();
      pruned += deleted;
      options.onDeleted?.(deleted);
      if (deleted < batchSize) {
        return pruned;
      }
      // better-sqlite3 answers synchronously, so an awaited statement gives the event loop no
      // turn: without this the backend would serve nothing (and see no abort) until the end.
      await setImmediate();
    }
  }

  /**
   * The SLO's live row, locked (PostgreSQL) until the transaction ends: a concurrent update or
   * delete waits for this one and then reads what it wrote (its version, or no live row: 404),
   * instead of writing a revision with the same version (a 500) or naming a stale version.
   */
  private async liveRow(tx: Knex.Transaction, id: string): Promise<SloRow> {
    const row = await tx<SloRow>('slos')
      .where({ id })
      .whereNull('deleted_at')
      .forUpdate()
      .first();
    if (!row) {
      throw new NotFoundError(`No SLO with id ${id}`);
    }
    return row;
  }

  private async assertNameFree(
    tx: Knex.Transaction,
    spec: SloSpec,
    exceptId?: string,
  ) {
    const query = tx<SloRow>('slos')
      .where({ entity_ref: spec.entityRef, name: spec.name })
      .whereNull('deleted_at');
    if (exceptId) {
      query.whereNot({ id: exceptId });
    }
    const clash = await query.first('id');
    if (clash) {
      // Led by the field it is about, as each problem of a 400 is (`name: …`), so a client can
      // mark the field; the id names the SLO that has the name.
      throw new ConflictError(
        `name: ${spec.entityRef} already has an SLO named "${spec.name}" (id ${clash.id})`,
      );
    }
  }

  private async logRevision(
    tx: Knex.Transaction,
    row: SloRow,
    action: SloRevision['action'],
    actor: string,
    at: number,
  ) {
    await tx<RevisionRow>('slo_revisions').insert({
      slo_id: row.id,
      version: Number(row.version),
      action,
      actor,
      spec: row.spec,
      at,
    });
  }

  /**
   * The unique index on entity and name caught a race the pre-check could not: another request
   * wrote the name in between. With one spec written, the 409 leads with `name: `, as the
   * pre-check's does, so a client marks the field; a batch cannot tell which of its specs clashed.
   */
  private translateUniqueViolation(error: unknown, specs: SloSpec[]): unknown {
    if (!isUniqueViolation(error)) return error;
    if (specs.length === 1) {
      const [spec] = specs;
      return new ConflictError(
        `name: ${spec.entityRef} already has an SLO named "${spec.name}" (written by another request at the same time)`,
      );
    }
    return new ConflictError(
      'Another SLO with the same entity and name was written at the same time; retry',
    );
  }
}
