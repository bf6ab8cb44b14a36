/*
 * Benchmark: the planning review of a domain with 500 entities (issue #12: ≤ 2 s on this
 * machine). Run with `yarn bench:review` in this package; the latest output is committed beside
 * this file as review.bench.txt.
 *
 * It calls ReviewService itself (the route handler only adds the query parsing) on the plugin's
 * real stores: SQLite in a temporary file, then PostgreSQL on 127.0.0.1:5432 in a throwaway
 * database dropped afterwards when BENCH_DATABASES names it. The catalog is the in-memory
 * catalogServiceMock (1 domain, 10 systems, 50 components each) and the ownership evaluation the
 * real one over it, so catalog HTTP time is not in these figures. Seeded straight into the tables:
 * one SLO per component with 35 days of snapshots at the evaluation cadence (default 5 minutes:
 * 10,080 each, 5,040,000 in all), two incidents per component in the period (one with a stored
 * budget cost) and stored backlog figures for every other component. The review covers the 30
 * days up to now: every snapshot of those days is aggregated.
 *
 * After the review's rounds, for information: the snapshot table's index sizes, then the same
 * rounds again with slo_snapshots_review_idx toggled (dropped if the migrations left it, built
 * as 202612050930 did if not), the review's snapshot statements alone with and without it in
 * alternating rounds (load from elsewhere on the machine falls on both alike), and the two other
 * reads it could serve (an SLO's history and an entity's SLOs with their latest snapshots) timed,
 * all with their plans both ways: what that index is worth next to slo_snapshots_history_idx,
 * which carries the same columns.
 *
 * Environment: BENCH_ROUNDS (default 20), BENCH_DATABASES (`sqlite`, or `sqlite,postgres`),
 * BENCH_PG (default postgresql://postgres@127.0.0.1:5432), BENCH_CADENCE_MINUTES (default 5).
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_ERROR_BUDGET_POLICY,
  SloDefinition,
  SloSpec,
} from '@stewardship/backstage-plugin-stewardship-common';
import fs from 'fs';
import knexFactory, { Knex } from 'knex';
import os from 'os';
import path from 'path';
import { performance } from 'perf_hooks';
import { CatalogVisibility } from '../src/lib/CatalogVisibility';
import { StewardshipDatabase } from '../src/database/StewardshipDatabase';
import { CatalogOwnershipReader } from '../src/ownership/CatalogOwnershipReader';
import { DEFAULT_OWNERSHIP_POLICY } from '../src/ownership/OwnershipPolicy';
import { OwnershipService } from '../src/ownership/OwnershipService';
import { ReviewService } from '../src/review/ReviewService';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite').split(',');
const PG_URL = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const CADENCE_MS = Number(process.env.BENCH_CADENCE_MINUTES ?? 5) * 60_000;
const SYSTEMS = 10;
const COMPONENTS_PER_SYSTEM = 50;
const DAY = 86_400_000;
const HISTORY_DAYS = 35;
const TARGET_MS = 2000;
const REVIEW_INDEX = 'slo_snapshots_review_idx';
/** Rounds (after as many tenths as warm-up) of each store read timed with and without it. */
const STORE_ROUNDS = 300;

function catalog(): { entities: Entity[]; components: string[] } {
  const entity = (
    kind: string,
    name: string,
    relations: Array<[string, string]>,
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: { owner: 'group:default/team' },
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  });
  const entities: Entity[] = [
    entity('Domain', 'bench', []),
    entity('Group', 'team', []),
  ];
  const components: string[] = [];
  for (let s = 0; s < SYSTEMS; s++) {
    entities.push(
      entity('System', `system-${s}`, [['partOf', 'domain:default/bench']]),
    );
    for (let c = 0; c < COMPONENTS_PER_SYSTEM; c++) {
      const name = `service-${s}-${c}`;
      // Every component depends on the first of its system: dependency ceilings to compute.
      entities.push(
        entity('Component', name, [
          ['partOf', `system:default/system-${s}`],
          ['ownedBy', 'group:default/team'],
          ...(c > 0
            ? [
                ['dependsOn', `component:default/service-${s}-0`] as [
                  string,
                  string,
                ],
              ]
            : []),
        ]),
      );
      components.push(`component:default/${name}`);
    }
  }
  return { entities, components };
}

const spec = (entityRef: string): SloSpec => ({
  entityRef,
  name: 'availability',
  sli: { type: 'ratio', good: 'good{job="x"}', total: 'total{job="x"}' },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prometheus',
  alertPolicies: [],
  labels: {},
});

async function seed(
  db: Knex,
  store: StewardshipDatabase,
  components: string[],
  now: number,
) {
  const slos: SloDefinition[] = await store.slos.createSlos(
    components.map(spec),
    'bench',
  );
  const chunk = db.client.config.client === 'pg' ? 1000 : 400;
  const steps = Math.floor((HISTORY_DAYS * DAY) / CADENCE_MS);
  const started = performance.now();
  let rows: Record<string, unknown>[] = [];
  const flush = async () => {
    const batch = rows;
    rows = [];
    await db.transaction(async tx => {
      for (let i = 0; i < batch.length; i += chunk) {
        await tx('slo_snapshots').insert(batch.slice(i, i + chunk));
      }
    });
  };
  for (let step = steps - 1; step >= 0; step--) {
    const at = now - step * CADENCE_MS - 60_000;
    const iso = new Date(at).toISOString();
    for (let i = 0; i < slos.length; i++) {
      const remaining = ((i + step) % 20) / 10 - 0.5; // −0.5 … 1.4
      const burn = ((i * 7 + step) % 50) / 5;
      rows.push({
        slo_id: slos[i].id,
        slo_version: 1,
        at,
        evaluated_at: at + 800,
        status: remaining >= 0 ? 'healthy' : 'exhausted',
        sli: 0.999,
        budget_remaining: remaining,
        burn_rate_1h: burn,
        evaluation: JSON.stringify({
          sloId: slos[i].id,
          sloVersion: 1,
          entityRef: slos[i].entityRef,
          at: iso,
          evaluatedAt: iso,
          status: remaining >= 0 ? 'healthy' : 'exhausted',
          window: { start: iso, end: iso },
          sli: 0.999,
          objective: 0.999,
          errorBudget: {
            remaining,
            consumed: 1 - remaining,
            allowedBad: 1,
            bad: 1 - remaining,
          },
          burnRates: [{ window: '1h', burnRate: burn }],
          alerts: [],
          explanation: { queries: [], formulas: [] },
        }),
      });
    }
    if (rows.length >= 20_000) await flush();
  }
  await flush();
  const snapshotSeconds = (performance.now() - started) / 1000;
  for (let i = 0; i < components.length; i++) {
    for (let k = 0; k < 2; k++) {
      const detected = now - (1 + ((i + k * 7) % 28)) * DAY;
      const incident = await store.incidents.createIncident(
        {
          entityRef: components[i],
          affectedEntityRefs: [],
          title: `Incident ${i}-${k}`,
          severity: k === 0 ? 'SEV2' : 'SEV3',
          status: 'resolved',
          statusChangedAt: new Date(detected + 3_600_000).toISOString(),
          detectedAt: new Date(detected).toISOString(),
          acknowledgedAt: new Date(detected + 300_000).toISOString(),
          resolvedAt: new Date(detected + 3_600_000).toISOString(),
          affectedSloIds: [slos[i].id],
          fireDrill: false,
          source: 'manual',
        },
        'bench',
      );
      if (k === 0) {
        await store.incidents.saveBudgetImpact(incident.id, incident.version, [
          {
            sloId: slos[i].id,
            sloName: 'availability',
            status: 'computed',
            incidentWindow: {
              start: incident.detectedAt,
              end: incident.detectedAt,
            },
            consumedPercent: (i % 40) + 0.5,
            computedAt: incident.detectedAt,
            stored: true,
          },
        ]);
      }
    }
    if (i % 2 === 0) {
      await store.backlogFigures.saveBacklogFigures(components[i], {
        at: new Date(now - DAY).toISOString(),
        top: {
          n: 20,
          count: 10,
          averageAgeDays: 40 + (i % 60),
          medianAgeDays: 35,
          ageTargetDays: 90,
          meetsAgeTarget: true,
          reliabilityCount: 3,
          reliabilityShare: 0.3,
        },
        all: { count: 10, ageHistogram: [], olderThan180Days: 0, untriaged: 1 },
        formulas: [],
      });
    }
  }
  return { slos: slos.length, snapshots: steps * slos.length, snapshotSeconds };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

type Timing = { p50: number; p95: number };

/** `fn` timed over `warmUp + rounds` rounds, the first `warmUp` left out. */
async function timed(
  rounds: number,
  warmUp: number,
  fn: (round: number) => Promise<unknown>,
): Promise<Timing> {
  const samples: number[] = [];
  for (let round = 0; round < warmUp + rounds; round++) {
    const started = performance.now();
    await fn(round);
    if (round >= warmUp) samples.push(performance.now() - started);
  }
  const sorted = samples.sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

const isPg = (db: Knex) => db.client.config.client === 'pg';

async function hasReviewIndex(db: Knex): Promise<boolean> {
  if (isPg(db)) {
    const { rows } = await db.raw(
      'SELECT to_regclass(?) IS NOT NULL AS present',
      [REVIEW_INDEX],
    );
    return rows[0].present;
  }
  const rows = await db.raw(
    `SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`,
    [REVIEW_INDEX],
  );
  return rows.length > 0;
}

/**
 * Builds the index as migration 202612050930 did, or drops it. PostgreSQL's statistics are
 * refreshed after either; SQLite has none to refresh (the plugin never runs ANALYZE there, and
 * DROP INDEX takes an index's own statistics with it).
 */
async function toggleReviewIndex(db: Knex, present: boolean) {
  if (present) {
    await db.raw(
      'CREATE INDEX ?? ON slo_snapshots (slo_id, at, budget_remaining, burn_rate_1h)',
      [REVIEW_INDEX],
    );
  } else {
    await db.raw('DROP INDEX ??', [REVIEW_INDEX]);
  }
  if (isPg(db)) await db.raw('ANALYZE slo_snapshots');
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * The size of each index of slo_snapshots and of the table (PostgreSQL: heap and TOAST) or the
 * whole file (SQLite: measuring the table itself would read all of it), per snapshot too.
 */
async function snapshotStorage(db: Knex, snapshots: number): Promise<string> {
  const sizes: Array<{ name: string; bytes: number }> = [];
  if (isPg(db)) {
    const { rows } = await db.raw(
      `SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes
       FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
       WHERE x.indrelid = 'slo_snapshots'::regclass ORDER BY c.relname`,
    );
    sizes.push(...rows);
    const table = await db.raw(
      `SELECT pg_table_size('slo_snapshots') AS bytes`,
    );
    sizes.push({
      name: 'the table (heap + TOAST)',
      bytes: table.rows[0].bytes,
    });
  } else {
    const indexes: Array<{ name: string }> = await db.raw(
      `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'slo_snapshots' ORDER BY name`,
    );
    for (const { name } of indexes) {
      // dbstat (compiled into better-sqlite3), one row per b-tree: reads that index's pages only.
      const [row] = await db.raw(
        'SELECT SUM(pgsize) AS bytes FROM dbstat WHERE name = ? AND aggregate = TRUE',
        [name],
      );
      sizes.push({ name, bytes: row.bytes });
    }
    const [pages] = await db.raw('PRAGMA page_count');
    const [pageSize] = await db.raw('PRAGMA page_size');
    sizes.push({
      name: 'the whole file',
      bytes: pages.page_count * pageSize.page_size,
    });
  }
  return sizes
    .map(
      ({ name, bytes }) =>
        `${name} ${megabytes(Number(bytes))} (${(
          Number(bytes) / snapshots
        ).toFixed(1)} B/snapshot)`,
    )
    .join(', ');
}

type Statement = { label: string; sql: string; bindings: unknown[] };

/** The statements on slo_snapshots that `reads` send, labelled with their read's name. */
async function snapshotStatements(
  db: Knex,
  reads: Array<[string, () => Promise<unknown>]>,
): Promise<Statement[]> {
  const captured: Statement[] = [];
  let label = '';
  const listener = (query: { sql: string; bindings?: unknown[] }) => {
    if (query.sql.includes('slo_snapshots')) {
      // knex hands PostgreSQL's statements over numbered; raw() takes them with `?`.
      const sql = isPg(db) ? query.sql.replace(/\$\d+/g, '?') : query.sql;
      captured.push({ label, sql, bindings: query.bindings ?? [] });
    }
  };
  db.on('query', listener);
  try {
    for (const [name, read] of reads) {
      label = name;
      await read();
    }
  } finally {
    db.off('query', listener);
  }
  return captured;
}

/**
 * `sql` with slo_snapshots_history_idx named (INDEXED BY) wherever SQLite could read the review
 * index instead: every reference to slo_snapshots followed by its WHERE, not the join to the
 * latest snapshot's row, which goes by rowid.
 */
const historyIndexed = (sql: string) =>
  sql.replace(
    /(slo_snapshots`?(?: [a-z])?)(?=\s+where)/gi,
    '$1 INDEXED BY slo_snapshots_history_idx',
  );

/**
 * Runs `fn` on a connection whose planner does or does not see slo_snapshots_review_idx, with
 * `sqlOf` to adapt a statement to it. Without it on PostgreSQL: dropped in a transaction that is
 * rolled back, which rebuilds nothing. On SQLite, where a DROP INDEX frees every page of the
 * index even in a transaction, the statements name slo_snapshots_history_idx (INDEXED BY)
 * instead, the plan SQLite makes once the index is gone (checked against it below).
 */
async function withReviewIndexHidden<T>(
  db: Knex,
  hidden: boolean,
  fn: (conn: Knex, sqlOf: (sql: string) => string) => Promise<T>,
): Promise<T> {
  if (!isPg(db)) {
    return fn(db, hidden ? historyIndexed : sql => sql);
  }
  const tx = await db.transaction();
  try {
    if (hidden) await tx.raw('DROP INDEX ??', [REVIEW_INDEX]);
    return await fn(tx, sql => sql);
  } finally {
    await tx.rollback();
  }
}

/**
 * The plan of each statement, as the lines that name an index or a scan of slo_snapshots
 * (PostgreSQL: with ANALYZE, so heap fetches show; an index-only scan with none never left the
 * index).
 */
async function plansOf(
  conn: Knex,
  statements: Statement[],
  sqlOf: (sql: string) => string = sql => sql,
): Promise<string[][]> {
  const plans: string[][] = [];
  for (const statement of statements) {
    const sql = sqlOf(statement.sql);
    let lines: string[];
    if (isPg(conn)) {
      const result = await conn.raw(
        `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${sql}`,
        statement.bindings as any[],
      );
      lines = result.rows
        .map((r: any) => r['QUERY PLAN'] as string)
        .filter((line: string) => / on slo_snapshots|Heap Fetches/.test(line));
    } else {
      const rows = await conn.raw(
        `EXPLAIN QUERY PLAN ${sql}`,
        statement.bindings as any[],
      );
      lines = rows
        .map((r: any) => r.detail as string)
        .filter((line: string) => /INDEX|^SCAN (?!b$|r$|CONSTANT)/.test(line));
    }
    plans.push(lines.map(line => line.trim().slice(0, 120)));
  }
  return plans;
}

/**
 * The review's snapshot statements alone, with and without slo_snapshots_review_idx in
 * alternating rounds (with, without; then without, with; …), so load from anything else on the
 * machine falls on both alike.
 */
async function interleavedReviewStatements(
  db: Knex,
  statements: Statement[],
  rounds: number,
): Promise<{ with: Timing; without: Timing }> {
  const samples = { with: [] as number[], without: [] as number[] };
  const once = (hidden: boolean) =>
    withReviewIndexHidden(db, hidden, async (conn, sqlOf) => {
      const started = performance.now();
      for (const statement of statements) {
        await conn.raw(sqlOf(statement.sql), statement.bindings as any[]);
      }
      return performance.now() - started;
    });
  for (let round = 0; round < 2 + rounds; round++) {
    for (const hidden of round % 2 === 0 ? [false, true] : [true, false]) {
      const ms = await once(hidden);
      if (round >= 2) samples[hidden ? 'without' : 'with'].push(ms);
    }
  }
  const timing = (values: number[]) => {
    const sorted = values.sort((a, b) => a - b);
    return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
  };
  return { with: timing(samples.with), without: timing(samples.without) };
}

async function run(kind: string) {
  let db: Knex;
  let cleanup: () => Promise<void>;
  if (kind === 'postgres') {
    const name = `stewardship_review_bench_${Date.now()}`;
    const admin = knexFactory({ client: 'pg', connection: PG_URL });
    await admin.raw('CREATE DATABASE ??', [name]);
    db = knexFactory({ client: 'pg', connection: `${PG_URL}/${name}` });
    cleanup = async () => {
      await db.destroy();
      await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await admin.destroy();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-bench-'));
    db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'bench.sqlite') },
      useNullAsDefault: true,
    });
    cleanup = async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  try {
    const store = await StewardshipDatabase.forTest(db);
    const { entities, components } = catalog();
    const now = Date.now();
    const seeded = await seed(db, store, components, now);
    if (kind === 'postgres') await db.raw('VACUUM ANALYZE');
    const catalogService = catalogServiceMock({ entities });
    const visibility = new CatalogVisibility({
      catalog: catalogService,
      permissions: mockServices.permissions(),
      auth: mockServices.auth(),
    });
    const review = new ReviewService({
      catalog: catalogService,
      visibility,
      slos: store.slos,
      incidents: store.incidents,
      backlog: store.backlogFigures,
      ownership: new OwnershipService(
        new CatalogOwnershipReader(catalogService, DEFAULT_OWNERSHIP_POLICY),
        store.ownershipSnapshots,
        { visibility },
      ),
      releaseGate: { policy: DEFAULT_ERROR_BUDGET_POLICY },
      stalenessMs: 2 * CADENCE_MS,
    });
    const credentials = mockCredentials.user('user:default/jane');
    const query = { scope: 'domain:default/bench' };
    let rows = 0;
    const measureReview = () =>
      timed(ROUNDS, 2, async () => {
        const answer = await review.review(query, credentials);
        rows = answer.rows.length;
        if (rows !== components.length) {
          throw new Error(`Expected ${components.length} rows, got ${rows}`);
        }
      });
    // The two other reads slo_snapshots_review_idx could serve, as their routes make them.
    const sloRows: Array<{ id: string; entity_ref: string }> = await db('slos')
      .select('id', 'entity_ref')
      .orderBy('id')
      .limit(50);
    const readHistory = (round: number) =>
      store.slos.snapshotHistory(sloRows[round % sloRows.length].id, {
        from: new Date(now - 30 * DAY),
        to: new Date(now),
        limit: 500,
      });
    const readEntitySlos = (round: number) =>
      store.slos.entitySlosWithLatest(
        sloRows[round % sloRows.length].entity_ref,
        new Date(now),
      );
    const statements = await snapshotStatements(db, [
      ['review', () => review.review(query, credentials)],
      ['history', () => readHistory(0)],
      ['entity SLOs', () => readEntitySlos(0)],
    ]);
    const measurePhase = async () => ({
      review: await measureReview(),
      history: await timed(STORE_ROUNDS, STORE_ROUNDS / 10, readHistory),
      entitySlos: await timed(STORE_ROUNDS, STORE_ROUNDS / 10, readEntitySlos),
      plans: await plansOf(db, statements),
    });
    let interleaved: { with: Timing; without: Timing } | undefined;
    let hiddenPlans: string[][] = [];
    const interleave = async () => {
      interleaved = await interleavedReviewStatements(
        db,
        statements.filter(statement => statement.label === 'review'),
        ROUNDS,
      );
      hiddenPlans = await withReviewIndexHidden(db, true, (conn, sqlOf) =>
        plansOf(conn, statements, sqlOf),
      );
    };

    const migrated = await hasReviewIndex(db);
    const storage = await snapshotStorage(db, seeded.snapshots);
    const asMigrated = await measurePhase();
    const { p50, p95 } = asMigrated.review;
    console.log(
      `── ${
        kind === 'postgres' ? 'PostgreSQL' : 'SQLite (better-sqlite3, file)'
      } ──`,
    );
    console.log(
      `seeded ${seeded.slos} SLOs and ${seeded.snapshots.toLocaleString(
        'en-US',
      )} snapshots (${seeded.snapshotSeconds.toFixed(1)} s), ${
        components.length * 2
      } incidents, ${components.length / 2} backlog figures`,
    );
    console.log(
      `GET review?scope=domain:default/bench (30 days, ${rows} rows): p50 ${p50.toFixed(
        0,
      )} ms, p95 ${p95.toFixed(
        0,
      )} ms over ${ROUNDS} rounds — target ≤ ${TARGET_MS} ms ${
        p95 <= TARGET_MS ? 'ok' : 'MISSED'
      }`,
    );

    // For information: the same again with the review index toggled, and interleaved.
    if (migrated) await interleave();
    await toggleReviewIndex(db, !migrated);
    const toggled = await measurePhase();
    if (!migrated) await interleave();
    const withIndex = migrated ? asMigrated : toggled;
    const withoutIndex = migrated ? toggled : asMigrated;
    console.log();
    console.log(
      `${
        migrated
          ? `without ${REVIEW_INDEX} (for information; dropped after the rounds above`
          : `with ${REVIEW_INDEX} (for information; built as migration 202612050930 did after the rounds above, so packed denser than one grown with the table`
      }${kind === 'postgres' ? ', then ANALYZE' : ''}; the same rounds again):`,
    );
    console.log(`  storage as migrated: ${storage}`);
    const ms = (t: Timing) =>
      `p50 ${t.p50.toFixed(t.p50 < 10 ? 2 : 0)} ms, p95 ${t.p95.toFixed(
        t.p95 < 10 ? 2 : 0,
      )} ms`;
    const row = (name: string, a: Timing, b: Timing) =>
      console.log(
        `  ${name}: with ${ms(a)}; without ${ms(b)}; without ÷ with p50 ${(
          b.p50 / a.p50
        ).toFixed(2)}, p95 ${(b.p95 / a.p95).toFixed(2)}`,
      );
    row(
      `review, one phase after the other (${ROUNDS} rounds each)`,
      withIndex.review,
      withoutIndex.review,
    );
    row(
      `the review's snapshot statements alone, interleaved (${ROUNDS} rounds each; without it: ${
        kind === 'postgres'
          ? 'dropped in a transaction rolled back'
          : 'INDEXED BY slo_snapshots_history_idx'
      })`,
      interleaved!.with,
      interleaved!.without,
    );
    row(
      `history of 30 days, ${Math.floor((30 * DAY) / CADENCE_MS).toLocaleString(
        'en-US',
      )} snapshots, at most 500 points (store read, ${STORE_ROUNDS} rounds)`,
      withIndex.history,
      withoutIndex.history,
    );
    row(
      `entity SLOs with latest snapshots (store read, ${STORE_ROUNDS} rounds)`,
      withIndex.entitySlos,
      withoutIndex.entitySlos,
    );
    console.log(
      `  plans of the snapshot reads (${
        kind === 'postgres'
          ? 'index scans on slo_snapshots; Heap Fetches: 0 = from the index alone'
          : 'COVERING INDEX = from the index alone'
      }):`,
    );
    statements.forEach((statement, i) => {
      console.log(
        `    ${statement.label}: ${statement.sql
          .replace(/\s+/g, ' ')
          .slice(0, 100)}…`,
      );
      console.log(
        `      with:    ${withIndex.plans[i].join('\n               ')}`,
      );
      console.log(
        `      without: ${withoutIndex.plans[i].join('\n               ')}`,
      );
    });
    // Row counts aside, the interleaved rounds' "without" must be the plan the drop gave.
    const shape = (plan: string[]) =>
      plan.map(line => line.replace(/\(actual rows=.*\)$/, '')).join('\n');
    const differing = statements.filter(
      (_, i) => shape(hiddenPlans[i]) !== shape(withoutIndex.plans[i]),
    );
    console.log(
      differing.length === 0
        ? '  the interleaved rounds without it had these same plans'
        : `  the interleaved rounds without it had OTHER plans for: ${differing
            .map(statement => statement.label)
            .join(', ')}`,
    );
    console.log();
  } finally {
    await cleanup();
  }
}

async function main() {
  console.log(
    `Planning review benchmark — ${os.cpus().length} × ${os
      .cpus()[0]
      ?.model.trim()}, Node ${process.version}`,
  );
  console.log(
    `1 domain, ${SYSTEMS} systems, ${
      SYSTEMS * COMPONENTS_PER_SYSTEM
    } components; one SLO each with ${HISTORY_DAYS} days of snapshots every ${
      CADENCE_MS / 60_000
    } min; ReviewService on the real stores, in-memory catalog`,
  );
  // The machines are shared: the load says how far to trust absolute times (the ratios within one
  // run less so).
  const load = () =>
    os
      .loadavg()
      .map(l => l.toFixed(1))
      .join(' / ');
  console.log(`load average (1 / 5 / 15 min) at the start: ${load()}`);
  console.log();
  for (const kind of DATABASES) await run(kind);
  console.log(`load average (1 / 5 / 15 min) at the end: ${load()}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
