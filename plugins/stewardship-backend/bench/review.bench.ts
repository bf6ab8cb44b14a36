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
    const samples: number[] = [];
    let rows = 0;
    for (let round = 0; round < ROUNDS + 2; round++) {
      const started = performance.now();
      const answer = await review.review(query, credentials);
      const ms = performance.now() - started;
      rows = answer.rows.length;
      if (rows !== components.length) {
        throw new Error(`Expected ${components.length} rows, got ${rows}`);
      }
      if (round >= 2) samples.push(ms); // two warm-up rounds
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const p50 = quantile(sorted, 0.5);
    const p95 = quantile(sorted, 0.95);
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
      )} ms, p95 ${p95.toFixed(0)} ms over ${
        samples.length
      } rounds — target ≤ ${TARGET_MS} ms ${
        p95 <= TARGET_MS ? 'ok' : 'MISSED'
      }`,
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
  console.log();
  for (const kind of DATABASES) await run(kind);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
