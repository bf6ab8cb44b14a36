/*
 * The scheduled tasks themselves, run as the scheduler runs them: their functions called with the
 * scheduler's abort signal. One source accepts the connection and never answers; its run is
 * aborted mid-way while a healthy source's run goes on. SLOs of entities not in the catalog are
 * skipped, unless the catalog cannot say.
 */
import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SloSpec,
  computeBacklogFigures,
} from '@stewardship/backstage-plugin-stewardship-common';
import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import { Knex } from 'knex';
import { BacklogFiguresStore } from '../database/BacklogFiguresStore';
import { DatabaseBacklogFiguresStore } from '../database/DatabaseBacklogFiguresStore';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { PrometheusMetricSource } from '../metricSources';
import {
  countingCatalog,
  refsReadFailures,
} from '../__testUtils__/countingCatalog';
import { recordingLogger } from '../__testUtils__/recordingLogger';
import { component } from '../__testUtils__/entities';
import { FaultyServer, startFaultyServer } from '../__testUtils__/faultyServer';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  SLO_HOUSEKEEPING_TASK_ID,
  scheduleSloEvaluation,
  sloEvaluationTaskId,
} from './scheduleSloEvaluation';
import { SloEvaluationRunner } from './SloEvaluationRunner';
import { SloEvaluator } from './SloEvaluator';
import { SloSettings } from './SloSettings';

jest.setTimeout(30_000);

const QUERY_TIMEOUT_MS = 1000;

const settings: SloSettings = {
  schedule: { frequency: { minutes: 5 }, timeout: { minutes: 4 } },
  concurrencyPerSource: 2,
  queryTimeoutMs: QUERY_TIMEOUT_MS,
  snapshotRetentionMs: 24 * 3600_000,
  stalenessMs: 10 * 60_000,
  warnings: [],
};

function spec(
  name: string,
  metricSource: string,
  entityRef = 'component:default/api',
): SloSpec {
  return {
    entityRef,
    name,
    sli: { type: 'ratio', good: `ok_total{slo="${name}"}`, total: 'all_total' },
    objective: 0.99,
    timeWindow: { type: 'rolling', duration: '7d' },
    budgetingMethod: 'occurrences',
    metricSource,
    alertPolicies: [],
    labels: {},
  };
}

/** 9,990 good of 10,000 in every window, after 10 ms: SLI 0.999 against a 0.99 objective. */
const healthy: MetricSource = {
  async countEvents({ windows }) {
    await new Promise(resolve => setTimeout(resolve, 10));
    return {
      counts: Object.fromEntries(
        windows.map(w => [w.key, { good: 9990, total: 10000 }]),
      ),
      issuedQueries: ['fake'],
    };
  },
  countEventsPerSlice: async () => ({ slices: [], issuedQueries: [] }),
};

/** A metric source like {@link healthy} that records the good-events query of each count. */
function recordingHealthy() {
  const queried: string[] = [];
  const source: MetricSource = {
    ...healthy,
    async countEvents(request) {
      queried.push(request.queries.good);
      return healthy.countEvents(request);
    },
  };
  return { source, queried };
}

/** The task functions as the plugin schedules them, by id. */
async function scheduledTasks(options: {
  store: DatabaseSloStore;
  sources: Map<string, MetricSource>;
  /** By default one holding the component `api`, every test SLO's entity. */
  catalog?: CatalogService;
  logger?: LoggerService;
  /** By default one with nothing stored. */
  backlogFigures?: BacklogFiguresStore;
}) {
  const tasks = new Map<string, (signal: AbortSignal) => Promise<void>>();
  const scheduler = {
    async scheduleTask(task: {
      id: string;
      fn: (signal: AbortSignal) => Promise<void>;
    }) {
      tasks.set(task.id, task.fn);
    },
  } as unknown as SchedulerService;
  const evaluator = new SloEvaluator(options.sources, {
    queryTimeoutMs: settings.queryTimeoutMs,
  });
  await scheduleSloEvaluation({
    scheduler,
    logger: options.logger ?? mockServices.logger.mock(),
    runner: new SloEvaluationRunner(options.store, evaluator, {
      concurrencyPerSource: settings.concurrencyPerSource,
    }),
    store: options.store,
    settings,
    sources: evaluator.sourceNames,
    catalog: options.catalog ?? countingCatalog([component('api')]).catalog,
    auth: mockServices.auth({ pluginId: 'stewardship' }),
    auditor: mockServices.auditor.mock(),
    backlogFigures: options.backlogFigures ?? {
      pruneBacklogReads: async () => 0,
    },
  });
  return tasks;
}

async function snapshotRows(knex: Knex) {
  const rows: Array<{ slo_id: string; at: string | number; status: string }> =
    await knex('slo_snapshots').select('slo_id', 'at', 'status');
  return rows.map(row => ({ ...row, at: Number(row.at) }));
}

async function waitFor(condition: () => boolean, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

describe('scheduleSloEvaluation', () => {
  const databases = createTestDatabases();
  let stuck: FaultyServer;
  beforeAll(async () => {
    stuck = await startFaultyServer('slow');
  });
  afterAll(async () => {
    await stuck.stop();
  });

  it.each(databases.eachSupportedId())(
    'an aborted run sends no further query and stores nothing, while another source runs on (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.forTest(knex);
      const stuckSlos = await store.createSlos(
        [1, 2, 3, 4, 5, 6].map(i => spec(`stuck-${i}`, 'stuck')),
        'user:default/a',
      );
      const healthySlos = await store.createSlos(
        [1, 2, 3].map(i => spec(`healthy-${i}`, 'healthy')),
        'user:default/a',
      );
      const tasks = await scheduledTasks({
        store,
        sources: new Map<string, MetricSource>([
          [
            'stuck',
            // The source's own timeout is long: only the engine's signals end its requests.
            PrometheusMetricSource.fromConfig(
              new ConfigReader({ baseUrl: stuck.url, timeout: '60s' }),
              { name: 'stuck' },
            ),
          ],
          ['healthy', healthy],
        ]),
      });
      expect([...tasks.keys()].sort()).toEqual(
        [
          'stewardship-slo-housekeeping',
          'stewardship-slo-evaluation:healthy',
          'stewardship-slo-evaluation:stuck',
        ].sort(),
      );
      expect(SLO_HOUSEKEEPING_TASK_ID).toBe('stewardship-slo-housekeeping');

      const requestsBefore = stuck.requests;
      const sent = () => stuck.requests - requestsBefore;
      const abort = new AbortController();
      const stuckRun = tasks.get(sloEvaluationTaskId('stuck'))!(abort.signal);
      const stuckOutcome = stuckRun.then(
        () => 'resolved',
        () => 'rejected',
      );
      // The healthy source's run ends while the stuck source hangs: it does not wait for it.
      await tasks.get(sloEvaluationTaskId('healthy'))!(
        new AbortController().signal,
      );
      expect(await Promise.race([stuckOutcome, 'pending'])).toBe('pending');

      // Two at a time: the first two time out as no-data, then the next two are sent.
      await waitFor(() => sent() === 4, 10_000);
      expect(await Promise.race([stuckOutcome, 'pending'])).toBe('pending');
      const abortedAt = Date.now();
      abort.abort(new Error('the scheduler timed the run out'));
      expect(await stuckOutcome).toBe('rejected');
      const endedMs = Date.now() - abortedAt;

      // Without the abort, stuck-5 and stuck-6 would go out as stuck-3 and stuck-4 time out.
      await new Promise(resolve => setTimeout(resolve, 2.5 * QUERY_TIMEOUT_MS));
      expect(sent()).toBe(4);
      // Without the abort, the run would last until stuck-6 timed out, two timeouts later.
      expect(endedMs).toBeLessThan(QUERY_TIMEOUT_MS / 2);

      const rows = await snapshotRows(knex);
      const stuckIds = new Set(stuckSlos.map(s => s.id));
      // stuck-1 and stuck-2 were evaluated (no-data) before the abort, yet none is stored.
      expect(rows.filter(row => stuckIds.has(row.slo_id))).toEqual([]);
      expect(rows.map(row => [row.slo_id, row.status]).sort()).toEqual(
        healthySlos.map(s => [s.id, 'healthy']).sort(),
      );
      const latest = await store.latestSnapshots(
        healthySlos.map(s => s.id),
        new Date(),
      );
      for (const slo of healthySlos) {
        expect(latest.get(slo.id)?.sli).toBeCloseTo(9990 / 10000, 12);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'housekeeping prunes old snapshots and records SLOs of sources no longer configured (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.forTest(knex);
      const [kept, orphan] = await store.createSlos(
        [spec('kept', 'healthy'), spec('orphan', 'removed')],
        'user:default/a',
      );
      const tasks = await scheduledTasks({
        store,
        sources: new Map([['healthy', healthy]]),
      });
      const old = Date.now() - settings.snapshotRetentionMs - 3600_000;
      const recent = Date.now() - 3600_000;
      const evaluator = new SloEvaluator(new Map([['healthy', healthy]]), {
        queryTimeoutMs: 1000,
      });
      await store.saveSnapshots([
        await evaluator.evaluate(kept, new Date(old)),
        await evaluator.evaluate(kept, new Date(recent)),
      ]);

      const prune = jest.spyOn(store, 'pruneSnapshots');
      const { signal } = new AbortController();
      await tasks.get(SLO_HOUSEKEEPING_TASK_ID)!(signal);
      // With the run's signal: a run past its timeout stops between two batches.
      expect(prune).toHaveBeenCalledTimes(1);
      expect(prune.mock.calls[0][1]?.signal).toBe(signal);

      const rows = await snapshotRows(knex);
      const byId = (id: string) => rows.filter(row => row.slo_id === id);
      expect(byId(kept.id).map(row => row.at)).toEqual([recent]);
      expect(byId(orphan.id).map(row => row.status)).toEqual(['no-data']);
      const [evaluation] = (
        await store.latestSnapshots([orphan.id], new Date())
      ).values();
      expect(evaluation.noDataReason).toBe('unknown-source');
    },
  );

  it.each(databases.eachSupportedId())(
    'housekeeping prunes the backlog reads stored before the retention, of both kinds (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.forTest(knex);
      const backlogFigures = DatabaseBacklogFiguresStore.fromClient(knex);
      const { logger, lines } = recordingLogger();
      const tasks = await scheduledTasks({
        store,
        sources: new Map([['healthy', healthy]]),
        logger,
        backlogFigures,
      });
      // A minute past the retention's edge on either side (the run reads its own clock).
      const edge = Date.now() - settings.snapshotRetentionMs;
      const old = new Date(edge - 60_000).toISOString();
      const recent = new Date(edge + 60_000).toISOString();
      // Figures of an empty backlog, computed at `at`.
      const figures = (at: string) =>
        computeBacklogFigures([], { now: new Date(at) });
      const failure = (at: string) => ({
        at,
        providers: [{ provider: 'jira', title: 'Jira' }],
      });
      await backlogFigures.saveBacklogFigures(
        'component:default/gone',
        figures(old),
      );
      await backlogFigures.saveBacklogFigures(
        'component:default/read',
        figures(recent),
      );
      await backlogFigures.saveBacklogReadFailure(
        'component:default/gone',
        failure(old),
      );
      await backlogFigures.saveBacklogReadFailure(
        'component:default/read',
        failure(recent),
      );

      await tasks.get(SLO_HOUSEKEEPING_TASK_ID)!(new AbortController().signal);

      const refs = ['component:default/gone', 'component:default/read'];
      expect([
        ...(await backlogFigures.latestBacklogFigures(refs)).keys(),
      ]).toEqual(['component:default/read']);
      expect([
        ...(await backlogFigures.latestBacklogReadFailures(refs)).keys(),
      ]).toEqual(['component:default/read']);
      expect(lines).toContainEqual({
        level: 'info',
        message:
          'Pruned 0 old snapshots and 2 stored backlog reads (backlog_figures, backlog_read_failures); 0 SLOs of unconfigured metric sources recorded as no-data',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'an aborted housekeeping run logs what it deleted and recorded before it stopped (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.forTest(knex);
      const [kept, orphan] = await store.createSlos(
        [spec('kept', 'healthy'), spec('orphan', 'removed')],
        'user:default/a',
      );
      const { logger, lines } = recordingLogger();
      const tasks = await scheduledTasks({
        store,
        sources: new Map([['healthy', healthy]]),
        logger,
      });
      const old = Date.now() - settings.snapshotRetentionMs - 3600_000;
      const recent = Date.now() - 3600_000;
      const evaluator = new SloEvaluator(new Map([['healthy', healthy]]), {
        queryTimeoutMs: 1000,
      });
      // Five past the retention, a minute apart, and one within it.
      const olds = [0, 1, 2, 3, 4].map(i => old - i * 60_000);
      await store.saveSnapshots(
        await Promise.all(
          [...olds, recent].map(at => evaluator.evaluate(kept, new Date(at))),
        ),
      );

      // Two per statement, and the run aborted (from the event loop, as a timer would) once the
      // first delete has answered: the prune stops before its second.
      const abort = new AbortController();
      const reason = new Error('the housekeeping run timed out');
      const prune = store.pruneSnapshots.bind(store);
      jest
        .spyOn(store, 'pruneSnapshots')
        .mockImplementation((before, options) => {
          const onResponse = (_: unknown, query: { sql: string }) => {
            if (!/^delete/i.test(query.sql)) return;
            knex.removeListener('query-response', onResponse);
            setImmediate(() => abort.abort(reason));
          };
          knex.on('query-response', onResponse);
          return prune(before, { ...options, batchSize: 2 });
        });

      await expect(
        tasks.get(SLO_HOUSEKEEPING_TASK_ID)!(abort.signal),
      ).rejects.toBe(reason);
      expect(lines).toEqual([
        {
          level: 'warn',
          message:
            'SLO housekeeping stopped early (the housekeeping run timed out): before the stop it deleted 2 old snapshots from slo_snapshots and recorded 1 SLO of unconfigured metric sources as no-data; the next run prunes the rest',
        },
      ]);
      // The two oldest went; the other three old ones wait for the next run.
      const rows = await snapshotRows(knex);
      const byId = (id: string) => rows.filter(row => row.slo_id === id);
      expect(
        byId(kept.id)
          .map(row => row.at)
          .sort(),
      ).toEqual([olds[2], olds[1], olds[0], recent].sort());
      expect(byId(orphan.id).map(row => row.status)).toEqual(['no-data']);
    },
  );

  it.each(databases.eachSupportedId())(
    'warns, once per run with the first reason, when SLOs are no-data because their source failed (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.forTest(knex);
      await store.createSlos(
        [spec('a', 'flaky'), spec('b', 'flaky'), spec('c', 'flaky')],
        'user:default/a',
      );
      // What the source does: fail every count, fail those of SLOs b and c, or count no traffic.
      let mode: 'all' | 'b-and-c' | 'no-traffic' = 'all';
      const flaky: MetricSource = {
        ...healthy,
        async countEvents(request) {
          const name = /slo="([^"]+)"/.exec(request.queries.good)?.[1];
          if (mode === 'all' || (mode === 'b-and-c' && name !== 'a')) {
            throw new Error(`login page instead of an answer for ${name}`);
          }
          if (mode === 'no-traffic') {
            return {
              counts: Object.fromEntries(
                request.windows.map(w => [w.key, { good: 0, total: 0 }]),
              ),
              issuedQueries: ['fake'],
            };
          }
          return healthy.countEvents(request);
        },
      };
      const { logger, lines } = recordingLogger();
      const tasks = await scheduledTasks({
        store,
        sources: new Map([['flaky', flaky]]),
        logger,
      });
      const run = tasks.get(sloEvaluationTaskId('flaky'))!;

      await run(new AbortController().signal);
      expect(lines).toEqual([
        {
          level: 'warn',
          message: expect.stringMatching(
            /^Evaluated 3 SLOs in \d+ ms \(3 no-data\) against source "flaky"; 3 SLOs no-data because the source failed, the first: Metric source "flaky" failed: login page instead of an answer for a$/,
          ),
        },
      ]);

      lines.length = 0;
      mode = 'b-and-c';
      await run(new AbortController().signal);
      expect(lines).toEqual([
        {
          level: 'warn',
          message: expect.stringMatching(
            /^Evaluated 3 SLOs in \d+ ms \(2 no-data, 1 healthy\) against source "flaky"; 2 SLOs no-data because the source failed, the first: Metric source "flaky" failed: login page instead of an answer for b$/,
          ),
        },
      ]);

      // No-data for another reason (and the source errors of earlier runs) is no warning.
      lines.length = 0;
      mode = 'no-traffic';
      await run(new AbortController().signal);
      expect(lines).toEqual([
        {
          level: 'info',
          message: expect.stringMatching(
            /^Evaluated 3 SLOs in \d+ ms \(3 no-data\) against source "flaky"$/,
          ),
        },
      ]);
    },
  );

  describe('SLOs of entities not in the catalog', () => {
    /** The SLO names in the good-events queries a source was sent. */
    const namesIn = (queries: string[]) =>
      [...new Set(queries.map(q => /slo="([^"]+)"/.exec(q)?.[1]))].sort();

    it.each(databases.eachSupportedId())(
      'are skipped (the catalog read once, refs matched whatever their case) and evaluated again once their entity is back (%p)',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const store = await DatabaseSloStore.forTest(knex);
        const [kept, orphaned] = await store.createSlos(
          [
            // Stored as the plugin stores refs; the catalog spells the entity's name otherwise.
            spec('kept', 'healthy', 'component:default/checkout-api'),
            spec('orphaned', 'healthy', 'component:default/old-api'),
          ],
          'user:default/a',
        );
        const { catalog, probe } = countingCatalog([component('Checkout-API')]);
        const { source, queried } = recordingHealthy();
        const { logger, lines } = recordingLogger();
        const tasks = await scheduledTasks({
          store,
          sources: new Map([['healthy', source]]),
          catalog,
          logger,
        });
        const run = tasks.get(sloEvaluationTaskId('healthy'))!;

        await run(new AbortController().signal);
        expect(probe.refsReads).toBe(1);
        expect(namesIn(queried)).toEqual(['kept']);
        expect(
          (await snapshotRows(knex)).map(row => [row.slo_id, row.status]),
        ).toEqual([[kept.id, 'healthy']]);
        expect(lines).toEqual([
          {
            level: 'info',
            message: expect.stringMatching(
              /^Evaluated 1 SLOs in \d+ ms \(1 healthy\) against source "healthy"; 1 SLO skipped: its entity is not in the catalog: component:default\/old-api$/,
            ),
          },
        ]);

        // Nothing about the skip is kept: the next run finds the entity and evaluates its SLO.
        await probe.add(component('old-api'));
        queried.length = 0;
        lines.length = 0;
        await run(new AbortController().signal);
        expect(probe.refsReads).toBe(2);
        expect(namesIn(queried)).toEqual(['kept', 'orphaned']);
        const rows = await snapshotRows(knex);
        expect(rows.filter(row => row.slo_id === kept.id)).toHaveLength(2);
        expect(
          rows.filter(row => row.slo_id === orphaned.id).map(row => row.status),
        ).toEqual(['healthy']);
        expect(lines).toEqual([
          {
            level: 'info',
            message: expect.stringMatching(
              /^Evaluated 2 SLOs in \d+ ms \(2 healthy\) against source "healthy"$/,
            ),
          },
        ]);
      },
    );

    /** Ways the catalog cannot say which entities exist, and the reason the warning gives. */
    const catalogFailures = refsReadFailures(QUERY_TIMEOUT_MS);

    it.each(
      catalogFailures.flatMap(failure =>
        databases
          .eachSupportedId()
          .map(([databaseId]) => [failure.how, databaseId, failure] as const),
      ),
    )(
      'are evaluated, with a warning, when the catalog %s (%p)',
      async (_how, databaseId, failure) => {
        const knex = await databases.init(databaseId);
        const store = await DatabaseSloStore.forTest(knex);
        const slos = await store.createSlos(
          [
            spec('kept', 'healthy', 'component:default/checkout-api'),
            spec('orphaned', 'healthy', 'component:default/old-api'),
          ],
          'user:default/a',
        );
        const { catalog, probe } = countingCatalog([component('checkout-api')]);
        failure.break(probe);
        const { source, queried } = recordingHealthy();
        const { logger, lines } = recordingLogger();
        const tasks = await scheduledTasks({
          store,
          sources: new Map([['healthy', source]]),
          catalog,
          logger,
        });

        await tasks.get(sloEvaluationTaskId('healthy'))!(
          new AbortController().signal,
        );
        expect(probe.refsReads).toBe(1);
        expect(namesIn(queried)).toEqual(['kept', 'orphaned']);
        expect(
          (await snapshotRows(knex))
            .map(row => [row.slo_id, row.status])
            .sort(),
        ).toEqual(slos.map(slo => [slo.id, 'healthy']).sort());
        expect(lines).toEqual([
          {
            level: 'warn',
            message: `Could not read which SLO entities are in the catalog (${failure.reason}); evaluating all 2 SLOs of this run`,
          },
          {
            level: 'info',
            message: expect.stringMatching(
              /^Evaluated 2 SLOs in \d+ ms \(2 healthy\) against source "healthy"$/,
            ),
          },
        ]);
      },
    );

    it.each(databases.eachSupportedId())(
      'end the run on its abort while the catalog is read, with nothing queried or stored (%p)',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const store = await DatabaseSloStore.forTest(knex);
        await store.createSlos(
          [spec('kept', 'healthy', 'component:default/checkout-api')],
          'user:default/a',
        );
        const { catalog, probe } = countingCatalog([component('checkout-api')]);
        probe.refsGate = new Promise(() => {});
        const { source, queried } = recordingHealthy();
        const tasks = await scheduledTasks({
          store,
          sources: new Map([['healthy', source]]),
          catalog,
        });

        const abort = new AbortController();
        const run = tasks.get(sloEvaluationTaskId('healthy'))!(abort.signal);
        await waitFor(() => probe.refsReads === 1, 5000);
        const reason = new Error('the scheduler timed the run out');
        const abortedAt = Date.now();
        abort.abort(reason);
        await expect(run).rejects.toBe(reason);
        // At once, not when the catalog read's own timeout would have ended it.
        expect(Date.now() - abortedAt).toBeLessThan(QUERY_TIMEOUT_MS / 2);
        expect(queried).toEqual([]);
        expect(await snapshotRows(knex)).toEqual([]);
      },
    );

    it.each(databases.eachSupportedId())(
      'are counted in the log line, which names at most five of their entities (%p)',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const store = await DatabaseSloStore.forTest(knex);
        const gone = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7'];
        await store.createSlos(
          [
            ...gone.map(name =>
              spec(`of-${name}`, 'healthy', `component:default/${name}`),
            ),
            spec('second-of-g1', 'healthy', 'component:default/g1'),
          ],
          'user:default/a',
        );
        const { source, queried } = recordingHealthy();
        const { logger, lines } = recordingLogger();
        const tasks = await scheduledTasks({
          store,
          sources: new Map([['healthy', source]]),
          catalog: countingCatalog([component('api')]).catalog,
          logger,
        });

        await tasks.get(sloEvaluationTaskId('healthy'))!(
          new AbortController().signal,
        );
        expect(queried).toEqual([]);
        expect(await snapshotRows(knex)).toEqual([]);
        expect(lines).toEqual([
          {
            level: 'info',
            message: expect.stringMatching(
              /^Evaluated 0 SLOs in \d+ ms against source "healthy"; 8 SLOs skipped: their entities are not in the catalog: component:default\/g1, component:default\/g2, component:default\/g3, component:default\/g4, component:default\/g5 and 2 more$/,
            ),
          },
        ]);
      },
    );

    it.each(databases.eachSupportedId())(
      'of unconfigured sources are not recorded as no-data by housekeeping (%p)',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const store = await DatabaseSloStore.forTest(knex);
        const [here] = await store.createSlos(
          [
            spec('orphan-here', 'removed', 'component:default/api'),
            spec('orphan-gone', 'removed', 'component:default/old-api'),
          ],
          'user:default/a',
        );
        const { catalog, probe } = countingCatalog([component('api')]);
        const { logger, lines } = recordingLogger();
        const tasks = await scheduledTasks({
          store,
          sources: new Map([['healthy', healthy]]),
          catalog,
          logger,
        });

        await tasks.get(SLO_HOUSEKEEPING_TASK_ID)!(
          new AbortController().signal,
        );
        expect(probe.refsReads).toBe(1);
        expect(
          (await snapshotRows(knex)).map(row => [row.slo_id, row.status]),
        ).toEqual([[here.id, 'no-data']]);
        expect(lines).toEqual([
          {
            level: 'info',
            message:
              'Pruned 0 old snapshots; 1 SLO of unconfigured metric sources recorded as no-data; 1 SLO skipped: its entity is not in the catalog: component:default/old-api',
          },
        ]);
      },
    );
  });
});
