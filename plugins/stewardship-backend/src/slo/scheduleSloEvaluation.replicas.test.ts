/*
 * Two replicas of the backend on one PostgreSQL database: two test backends, each with the real
 * plugin and the real scheduler (`schedulerServiceFactory`), and a module whose metric source
 * type records every query with the replica that sent it. Proves that each tick evaluates each
 * SLO once (one replica per run, no duplicate snapshot), and that a replica stopped while its
 * source hangs leaves no partial snapshot, the other replica taking the next ticks.
 *
 * PostgreSQL only (SQLite is one process's file). Runs under CI (where PostgreSQL is mandatory)
 * and wherever STEWARDSHIP_TEST_POSTGRES is set; skipped otherwise.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  TestBackend,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SloSpec } from '@stewardship/backstage-plugin-stewardship-common';
import {
  MetricSource,
  stewardshipMetricSourcesExtensionPoint,
} from '@stewardship/backstage-plugin-stewardship-node';
import knexFactory, { Knex } from 'knex';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { stewardshipPlugin } from '../plugin';
import { component } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/** One query of the recording source: which replica asked, for which SLO and run. */
interface Call {
  replica: string;
  source: string;
  slo: string;
  /** The run's moment (the SLO window's end), which every snapshot of the run carries. */
  at: number;
  startedAt: number;
  endedAt?: number;
  outcome?: 'answered' | 'aborted';
}

const calls: Call[] = [];
/** SLO names whose queries hang until their signal aborts. */
const hanging = new Set<string>();

/** A replica's source type `recording`: 10 % errors after 30 ms, or a hang for `hanging` SLOs. */
function recordingSourceModule(replica: string) {
  return createBackendModule({
    pluginId: 'stewardship',
    moduleId: 'recording-metric-source',
    register(env) {
      env.registerInit({
        deps: { sources: stewardshipMetricSourcesExtensionPoint },
        async init({ sources }) {
          sources.addMetricSourceFactory({
            type: 'recording',
            create: ({ name }): MetricSource => ({
              async countEvents({ queries, windows, signal }) {
                const call: Call = {
                  replica,
                  source: name,
                  slo: /slo="([^"]+)"/.exec(queries.good ?? '')![1],
                  at: windows.find(w => w.key === 'slo')!.end.getTime(),
                  startedAt: Date.now(),
                };
                calls.push(call);
                const wait = hanging.has(call.slo) ? 3_600_000 : 30;
                await new Promise<void>((resolve, reject) => {
                  const timer = setTimeout(resolve, wait);
                  signal.addEventListener('abort', () => {
                    clearTimeout(timer);
                    reject(signal.reason);
                  });
                }).finally(() => {
                  call.endedAt = Date.now();
                  call.outcome = signal.aborted ? 'aborted' : 'answered';
                });
                return {
                  counts: Object.fromEntries(
                    windows.map(w => [w.key, { good: 900, total: 1000 }]),
                  ),
                  issuedQueries: Object.values(queries),
                };
              },
              async countEventsPerSlice() {
                return { slices: [], issuedQueries: [] };
              },
            }),
          });
        },
      });
    },
  });
}

const config = {
  stewardship: {
    metricSources: {
      alpha: { type: 'recording' },
      beta: { type: 'recording' },
    },
    slos: {
      evaluation: {
        schedule: { frequency: { seconds: 1 }, timeout: { seconds: 20 } },
        queryTimeout: '30s',
      },
    },
    // The scorecard task stays out of the way.
    ownership: {
      snapshotSchedule: {
        frequency: { hours: 1 },
        timeout: { minutes: 1 },
        initialDelay: { hours: 1 },
      },
    },
  },
};

const sloNames = {
  alpha: ['alpha-1', 'alpha-2', 'alpha-3'],
  beta: ['beta-1', 'beta-2'],
};

function spec(name: string, metricSource: string): SloSpec {
  return {
    entityRef: 'component:default/api',
    name,
    sli: { type: 'ratio', good: `ok_total{slo="${name}"}`, total: 'all_total' },
    objective: 0.95,
    timeWindow: { type: 'rolling', duration: '1d' },
    budgetingMethod: 'occurrences',
    metricSource,
    alertPolicies: [],
    labels: {},
  };
}

function startReplica(name: string, knex: Knex): Promise<TestBackend> {
  return startTestBackend({
    features: [
      stewardshipPlugin,
      recordingSourceModule(name),
      schedulerServiceFactory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: config }),
      // The SLOs' entity: a run evaluates only the SLOs of entities in the catalog.
      catalogServiceMock.factory({ entities: [component('api')] }),
    ],
  });
}

async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

const runPostgres = Boolean(
  process.env.CI || process.env.STEWARDSHIP_TEST_POSTGRES,
);

(runPostgres ? describe : describe.skip)(
  'SLO evaluation with two replicas on one PostgreSQL',
  () => {
    const databases = createTestDatabases();
    const backends: TestBackend[] = [];
    let knexB: Knex | undefined;
    afterAll(async () => {
      await Promise.all(backends.map(b => b.stop().catch(() => {})));
      await knexB?.destroy();
    });

    it('evaluates each SLO once per tick, and a replica stopped mid-run leaves no partial snapshot', async () => {
      const knexA = await databases.init('POSTGRES_15');
      knexB = knexFactory({
        client: 'pg',
        connection: knexA.client.config.connection,
        pool: { min: 0, max: 5 },
      });
      const store = await DatabaseSloStore.forTest(knexA);
      const slos = await store.createSlos(
        [
          ...sloNames.alpha.map(n => spec(n, 'alpha')),
          ...sloNames.beta.map(n => spec(n, 'beta')),
        ],
        'user:default/a',
      );
      const sourceOf = new Map(slos.map(s => [s.id, s.metricSource]));
      const nameOf = new Map(slos.map(s => [s.id, s.name]));
      const snapshots = async () => {
        const rows: Array<{ slo_id: string; at: string }> = await knexA(
          'slo_snapshots',
        ).select('slo_id', 'at');
        return rows.map(row => ({
          source: sourceOf.get(row.slo_id)!,
          slo: nameOf.get(row.slo_id)!,
          at: Number(row.at),
        }));
      };
      const runsOf = async (source: string) =>
        new Set(
          (await snapshots()).filter(s => s.source === source).map(s => s.at),
        );

      const replicas = new Map<string, TestBackend>();
      // One after the other, as a rolling deploy would: the first runs the migrations.
      replicas.set('a', await startReplica('a', knexA));
      backends.push(replicas.get('a')!);
      replicas.set('b', await startReplica('b', knexB));
      backends.push(replicas.get('b')!);

      // Phase 1: both replicas up, a few ticks of both sources.
      await waitFor('four runs of each source', async () =>
        (await runsOf('alpha')).size >= 4 && (await runsOf('beta')).size >= 4
          ? true
          : undefined,
      );

      // Phase 2: beta-2 hangs. Whichever replica runs beta's next tick is stopped mid-run.
      const hangFrom = Date.now();
      hanging.add('beta-2');
      const stuckCall = await waitFor('a hanging beta-2 query', () =>
        calls.find(c => c.slo === 'beta-2' && c.startedAt >= hangFrom),
      );
      const victim = stuckCall.replica;
      const survivor = victim === 'a' ? 'b' : 'a';
      // beta-1 of the same run has its answer: the run holds a result it must not store alone.
      await waitFor('beta-1 answered in the stuck run', () =>
        calls.find(
          c =>
            c.slo === 'beta-1' &&
            c.at === stuckCall.at &&
            c.outcome === 'answered',
        ),
      );
      // Of beta's run: alpha's task may start in the same millisecond and store its own run.
      const ofStuckRun = (s: { source: string; at: number }) =>
        s.source === 'beta' && s.at === stuckCall.at;
      expect((await snapshots()).filter(ofStuckRun)).toEqual([]);

      const stoppedAt = Date.now();
      await replicas.get(victim)!.stop();
      await waitFor('the stuck query aborted', () =>
        stuckCall.outcome === 'aborted' ? true : undefined,
      );
      hanging.delete('beta-2');

      // The survivor takes beta's next ticks (the victim's run released its lock as it ended).
      await waitFor('two beta runs by the survivor after the stop', async () =>
        [...(await runsOf('beta'))].filter(at => at > stoppedAt).length >= 2
          ? true
          : undefined,
      );
      await replicas.get(survivor)!.stop();
      // Give a run aborted by that stop the time to end, then read everything.
      await new Promise(resolve => setTimeout(resolve, 500));
      const rows = await snapshots();

      // No snapshot of the stopped run, and no query by the victim after its stop.
      expect(rows.filter(ofStuckRun)).toEqual([]);
      expect(
        calls.filter(c => c.replica === victim && c.startedAt > stoppedAt),
      ).toEqual([]);

      // Every stored run is whole: each SLO of its source exactly once.
      for (const [source, names] of Object.entries(sloNames)) {
        const ats = [
          ...new Set(rows.filter(r => r.source === source).map(r => r.at)),
        ];
        expect(ats.length).toBeGreaterThanOrEqual(5);
        for (const at of ats) {
          expect(
            rows
              .filter(r => r.source === source && r.at === at)
              .map(r => r.slo)
              .sort(),
          ).toEqual([...names].sort());
        }
      }

      // Each run was one replica's, and each SLO was queried once in it.
      const runs = new Map<string, Call[]>();
      for (const call of calls) {
        const key = `${call.source}@${call.at}`;
        runs.set(key, [...(runs.get(key) ?? []), call]);
      }
      for (const [key, runCalls] of runs) {
        expect([key, new Set(runCalls.map(c => c.replica)).size]).toEqual([
          key,
          1,
        ]);
        const queried = runCalls.map(c => c.slo).sort();
        expect([key, queried]).toEqual([key, [...new Set(queried)]]);
      }
      // At most one run per tick: the scheduler moves a task's next start by the 1 s cadence per
      // run, and a run starts at most one poll (1 s) plus a claim after its start is due; so k
      // runs later is at least (k − 2) s later. Two replicas running a tick each would make
      // about two runs a second and break this within a few runs. For k = 1 and 2 the bound
      // (−1 s, 0 s) holds for any distinct sorted times, so the check starts at k = 3 (≥ 1 s).
      for (const source of Object.keys(sloNames)) {
        const ats = [
          ...new Set(calls.filter(c => c.source === source).map(c => c.at)),
        ].sort((x, y) => x - y);
        // At least one pair three runs apart, so the loop below checks something.
        expect(ats.length).toBeGreaterThanOrEqual(4);
        ats.forEach((at, i) => {
          for (let k = 3; i + k < ats.length; k++) {
            expect(ats[i + k] - at).toBeGreaterThanOrEqual((k - 2) * 1000);
          }
        });
      }
      // Runs of one source never overlap in time, whichever replica ran them.
      for (const source of Object.keys(sloNames)) {
        const spans = [...runs.values()]
          .filter(runCalls => runCalls[0].source === source)
          .map(runCalls => ({
            start: Math.min(...runCalls.map(c => c.startedAt)),
            end: Math.max(...runCalls.map(c => c.endedAt ?? Infinity)),
          }))
          .sort((x, y) => x.start - y.start);
        spans.slice(1).forEach((span, i) => {
          expect(span.start).toBeGreaterThanOrEqual(spans[i].end);
        });
      }
      // Both replicas evaluated: the victim until its stop, the survivor after it.
      const afterStop = calls.filter(c => c.startedAt > stoppedAt);
      expect(new Set(afterStop.map(c => c.replica))).toEqual(
        new Set([survivor]),
      );
    });
  },
);
