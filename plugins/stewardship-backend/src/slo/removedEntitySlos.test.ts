/*
 * Opt-in deletion of SLOs whose entity left the catalog long ago, run as the scheduler runs the
 * housekeeping task (and, for the per-run bound, the step on its own). The store's clock is set
 * back to give SLOs an old last change; snapshots are stored at chosen moments.
 */
import {
  AuditorService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import {
  countingCatalog,
  refsReadFailures,
} from '../__testUtils__/countingCatalog';
import { recordingLogger } from '../__testUtils__/recordingLogger';
import { component } from '../__testUtils__/entities';
import { storedEvaluation } from '../__testUtils__/evaluations';
import { ratioSloSpec } from '../__testUtils__/sloSpecs';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  SLO_HOUSEKEEPING_TASK_ID,
  scheduleSloEvaluation,
} from './scheduleSloEvaluation';
import { SloEvaluationRunner } from './SloEvaluationRunner';
import { SloEvaluator } from './SloEvaluator';
import { SloSettings } from './SloSettings';
import { deleteSlosOfRemovedEntities } from './removedEntitySlos';

jest.setTimeout(30_000);

const DAY = 86_400_000;
/** `removedEntityRetention: 30d`, as the settings hold it. */
const RETENTION = { ms: 30 * DAY, asConfigured: '30d' };
const QUERY_TIMEOUT_MS = 1000;
/** The actor of the plugin's own revisions: the subject of its own service credentials. */
const PLUGIN_ACTOR = 'plugin:stewardship';

const baseSettings: SloSettings = {
  schedule: { frequency: { minutes: 5 }, timeout: { minutes: 4 } },
  concurrencyPerSource: 2,
  queryTimeoutMs: QUERY_TIMEOUT_MS,
  // Longer than any moment below: the prune deletes no snapshot these tests look at.
  snapshotRetentionMs: 1000 * DAY,
  stalenessMs: 10 * 60_000,
  warnings: [],
};

/** Never queried: every test SLO's source is configured, and housekeeping queries no source. */
const unused: MetricSource = {
  countEvents: async () => {
    throw new Error('not queried in these tests');
  },
  countEventsPerSlice: async () => ({ slices: [], issuedQueries: [] }),
};

/** One audit event: its id, meta, whether it named a request, and its outcome. */
interface AuditEvent {
  eventId: string;
  meta?: JsonObject;
  withRequest: boolean;
  outcome?: 'succeeded' | 'failed';
}

/** An auditor that keeps its events; `onSuccess` runs as each event succeeds. */
function recordingAuditor(onSuccess: (event: AuditEvent) => void = () => {}) {
  const events: AuditEvent[] = [];
  const auditor: AuditorService = mockServices.auditor.mock({
    createEvent: async ({ eventId, meta, request }) => {
      const event: AuditEvent = { eventId, meta, withRequest: !!request };
      events.push(event);
      return {
        success: async () => {
          event.outcome = 'succeeded';
          onSuccess(event);
        },
        fail: async () => {
          event.outcome = 'failed';
        },
      };
    },
  });
  return { auditor, events };
}

/** A store whose clock (for createdAt, updatedAt and revisions) the test sets. */
async function storeWithClock(knex: Knex) {
  const clock = { now: Date.now() };
  const store = await DatabaseSloStore.forTest(knex, () => new Date(clock.now));
  return { store, clock };
}

/** The housekeeping task function as the plugin schedules it. */
async function housekeeping(options: {
  store: DatabaseSloStore;
  catalog: ReturnType<typeof countingCatalog>['catalog'];
  retention?: SloSettings['removedEntityRetention'];
  logger?: LoggerService;
  auditor?: AuditorService;
}) {
  let task: ((signal: AbortSignal) => Promise<void>) | undefined;
  const scheduler = {
    async scheduleTask(t: {
      id: string;
      fn: (signal: AbortSignal) => Promise<void>;
    }) {
      if (t.id === SLO_HOUSEKEEPING_TASK_ID) task = t.fn;
    },
  } as unknown as SchedulerService;
  const sources = new Map([['prometheus', unused]]);
  const evaluator = new SloEvaluator(sources, {
    queryTimeoutMs: QUERY_TIMEOUT_MS,
  });
  await scheduleSloEvaluation({
    scheduler,
    logger: options.logger ?? mockServices.logger.mock(),
    runner: new SloEvaluationRunner(options.store, evaluator, {
      concurrencyPerSource: 2,
    }),
    store: options.store,
    settings: {
      ...baseSettings,
      ...(options.retention && { removedEntityRetention: options.retention }),
    },
    sources: evaluator.sourceNames,
    catalog: options.catalog,
    auth: mockServices.auth({ pluginId: 'stewardship' }),
    auditor: options.auditor ?? recordingAuditor().auditor,
    backlogFigures: { pruneBacklogReads: async () => 0 },
  });
  return task!;
}

/** The names of the live SLOs, sorted. */
async function liveNames(store: DatabaseSloStore) {
  return (await store.listSlos()).items.map(slo => slo.name).sort();
}

describe('SLOs of entities gone from the catalog', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'are never deleted while removedEntityRetention is not set, however long gone (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { store, clock } = await storeWithClock(knex);
      clock.now = Date.now() - 900 * DAY;
      const [slo] = await store.createSlos(
        [ratioSloSpec('component:default/old-api', 'availability')],
        'user:default/a',
      );
      await store.saveSnapshots([storedEvaluation(slo, clock.now)]);
      const { catalog, probe } = countingCatalog([component('api')]);
      const { auditor, events } = recordingAuditor();
      const run = await housekeeping({ store, catalog, auditor });

      await run(new AbortController().signal);
      expect(await liveNames(store)).toEqual(['availability']);
      expect((await store.listRevisions(slo.id)).map(r => r.action)).toEqual([
        'created',
      ]);
      expect(events).toEqual([]);
      // Not even asked: the step does not run.
      expect(probe.refsReads).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'are deleted once gone since (latest snapshot or last change, the later) is past the retention (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { store, clock } = await storeWithClock(knex);
      const now = Date.now();
      const create = async (
        name: string,
        entity: string,
        changedDaysAgo: number,
      ) => {
        clock.now = now - changedDaysAgo * DAY;
        const [slo] = await store.createSlos(
          [ratioSloSpec(`component:default/${entity}`, name)],
          'user:default/a',
        );
        return slo;
      };
      // Missing entity, snapshot 45 days ago (after its last change, 60 days ago): deleted.
      const oldSnapshot = await create('old-snapshot', 'gone-a', 60);
      // Missing entity, snapshot 10 days ago: the entity was there then, kept.
      const recentSnapshot = await create('recent-snapshot', 'gone-a', 60);
      // Missing entity, never evaluated, last change 31 days ago: deleted.
      const noSnapshot = await create('no-snapshot', 'gone-b', 31);
      // Missing entity, never evaluated, changed 60 then 5 days ago: kept (the last change counts).
      const changedLately = await create('changed-lately', 'gone-b', 60);
      clock.now = now - 5 * DAY;
      await store.updateSlo(
        changedLately.id,
        { ...ratioSloSpec('component:default/gone-b', 'changed-lately') },
        changedLately.version,
        'user:default/a',
      );
      // Missing entity, snapshot 45 days ago but changed 5 days ago: kept (the later of the two).
      const changedAfterSnapshot = await create(
        'changed-after-snapshot',
        'gone-c',
        5,
      );
      // Missing entity, its only snapshot as of 45 days ago but made 1 day ago (an evaluation as
      // of a past moment): the entity was there yesterday, kept.
      const evaluatedAsOf = await create('evaluated-as-of', 'gone-d', 60);
      // Entity in the catalog (spelled otherwise there), 400 days old, never changed: kept.
      const present = await create('present', 'checkout-api', 400);
      await store.saveSnapshots([
        storedEvaluation(oldSnapshot, now - 45 * DAY),
        storedEvaluation(recentSnapshot, now - 50 * DAY),
        storedEvaluation(recentSnapshot, now - 10 * DAY),
        storedEvaluation(changedAfterSnapshot, now - 45 * DAY),
        storedEvaluation(present, now - 399 * DAY),
        storedEvaluation(evaluatedAsOf, now - 45 * DAY, {
          evaluatedAt: new Date(now - DAY).toISOString(),
        }),
      ]);
      const { catalog, probe } = countingCatalog([component('Checkout-API')]);
      const { logger, lines } = recordingLogger();
      const { auditor, events } = recordingAuditor();
      clock.now = now;
      const run = await housekeeping({
        store,
        catalog,
        retention: RETENTION,
        logger,
        auditor,
      });

      await run(new AbortController().signal);
      expect(probe.refsReads).toBe(1);
      expect(await liveNames(store)).toEqual(
        [
          'recent-snapshot',
          'changed-lately',
          'changed-after-snapshot',
          'evaluated-as-of',
          'present',
        ].sort(),
      );
      for (const slo of [oldSnapshot, noSnapshot]) {
        const revisions = await store.listRevisions(slo.id);
        expect(revisions.map(r => [r.action, r.actor])).toEqual([
          ['created', 'user:default/a'],
          ['deleted', PLUGIN_ACTOR],
        ]);
      }
      // A soft delete: the deleted SLO's snapshot stays until snapshotRetention prunes it.
      const kept = await knex('slo_snapshots')
        .where('slo_id', oldSnapshot.id)
        .count({ n: '*' });
      expect(Number(kept[0].n)).toBe(1);
      // The route's audit event, without a request: the auditor names the plugin's own principal.
      expect(events).toEqual(
        [
          [oldSnapshot, now - 45 * DAY],
          [noSnapshot, now - 31 * DAY],
        ].map(([slo, lastSeen]) => ({
          eventId: 'slo-delete',
          withRequest: false,
          outcome: 'succeeded',
          meta: {
            sloId: (slo as SloDefinition).id,
            entityRef: (slo as SloDefinition).entityRef,
            reason: 'entity-not-in-catalog',
            entityLastSeen: new Date(lastSeen as number).toISOString(),
            removedEntityRetention: '30d',
          },
        })),
      );
      expect(lines).toEqual([
        {
          level: 'info',
          message:
            'Deleted 2 SLOs whose entities have not been in the catalog for over 30d (stewardship.slos.evaluation.removedEntityRetention): ' +
            'component:default/gone-a "old-snapshot", component:default/gone-b "no-snapshot"',
        },
        {
          level: 'info',
          message:
            'Pruned 0 old snapshots; 0 SLOs of unconfigured metric sources recorded as no-data',
        },
      ]);

      // The next run finds nothing more to delete and says nothing about it.
      lines.length = 0;
      await run(new AbortController().signal);
      expect(await liveNames(store)).toHaveLength(5);
      expect(lines.map(line => line.message)).toEqual([
        'Pruned 0 old snapshots; 0 SLOs of unconfigured metric sources recorded as no-data',
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
    'are not deleted, with a warning, when the catalog %s (%p)',
    async (_how, databaseId, failure) => {
      const knex = await databases.init(databaseId);
      const { store, clock } = await storeWithClock(knex);
      clock.now = Date.now() - 400 * DAY;
      await store.createSlos(
        [ratioSloSpec('component:default/old-api', 'availability')],
        'user:default/a',
      );
      const { catalog, probe } = countingCatalog([component('api')]);
      failure.break(probe);
      const { logger, lines } = recordingLogger();
      const { auditor, events } = recordingAuditor();
      const run = await housekeeping({
        store,
        catalog,
        retention: RETENTION,
        logger,
        auditor,
      });

      await run(new AbortController().signal);
      expect(await liveNames(store)).toEqual(['availability']);
      expect(events).toEqual([]);
      expect(lines).toEqual([
        {
          level: 'warn',
          message: `Could not read which SLO entities are in the catalog (${failure.reason}); no SLO of a removed entity is deleted this run`,
        },
        {
          level: 'info',
          message:
            'Pruned 0 old snapshots; 0 SLOs of unconfigured metric sources recorded as no-data',
        },
      ]);
    },
  );

  /** `count` SLOs of missing entities, gone 100 + i days (so the last is gone longest). */
  async function goneSlos(knex: Knex, count: number) {
    const { store, clock } = await storeWithClock(knex);
    const now = Date.now();
    const slos: SloDefinition[] = [];
    for (let i = 0; i < count; i++) {
      clock.now = now - (100 + i) * DAY;
      slos.push(
        await store.createSlo(
          ratioSloSpec(`component:default/gone-${i}`, `slo-${i}`),
          'user:default/a',
        ),
      );
    }
    clock.now = now;
    return { store, slos, longestGoneFirst: [...slos].reverse() };
  }

  /** One cleanup now, called directly, over `entities` as the catalog, with a 30-day retention. */
  function cleanUpNow(options: {
    store: DatabaseSloStore;
    entities: Entity[];
    logger: LoggerService;
    maxDeletions?: number;
  }) {
    const { catalog } = countingCatalog(options.entities);
    return deleteSlosOfRemovedEntities({
      store: options.store,
      catalog: {
        catalog,
        auth: mockServices.auth({ pluginId: 'stewardship' }),
        timeoutMs: QUERY_TIMEOUT_MS,
      },
      auditor: recordingAuditor().auditor,
      logger: options.logger,
      retention: RETENTION,
      now: new Date(),
      signal: new AbortController().signal,
      maxDeletions: options.maxDeletions,
    });
  }

  it.each(databases.eachSupportedId())(
    'are deleted at most so many per run, gone longest first, the rest on the next runs (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const total = 8;
      const perRun = 6;
      const { store, longestGoneFirst } = await goneSlos(knex, total);
      const named = (slos: SloDefinition[]) =>
        slos.map(slo => `${slo.entityRef} "${slo.name}"`);

      const expectedRuns: string[][] = [];
      for (let done = 0; done < total; done += perRun) {
        expectedRuns.push(
          named(longestGoneFirst.slice(done, Math.min(done + perRun, total))),
        );
      }
      expect(expectedRuns.map(run => run.length)).toEqual([6, 2]);

      for (const [i, expected] of expectedRuns.entries()) {
        const { logger, lines } = recordingLogger();
        const deletedBefore = expectedRuns
          .slice(0, i)
          .reduce((n, run) => n + run.length, 0);
        const left = total - deletedBefore - expected.length;
        const cleanup = await cleanUpNow({
          store,
          entities: [component('api')],
          logger,
          maxDeletions: perRun,
        });
        expect(named(cleanup.deleted)).toEqual(expected);
        expect(cleanup.left).toBe(left);
        const more = expected.length - 5;
        expect(lines).toEqual([
          {
            level: 'info',
            message: `Deleted ${
              expected.length
            } SLOs whose entities have not been in the catalog for over 30d (stewardship.slos.evaluation.removedEntityRetention): ${expected
              .slice(0, 5)
              .join(', ')}${more > 0 ? ` and ${more} more` : ''}${
              left > 0 ? `; ${left} more next run` : ''
            }`,
          },
        ]);
        expect((await store.listSlos()).totalCount).toBe(
          total - deletedBefore - expected.length,
        );
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'go on past an SLO that cannot be deleted, warn, and leave it for the next run (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { store, longestGoneFirst } = await goneSlos(knex, 4);
      const [failing, meanwhile, changed, deletable] = longestGoneFirst;
      const deleteSlo = store.deleteSlo.bind(store);
      jest
        .spyOn(store, 'deleteSlo')
        .mockImplementation(async (id, actor, options) => {
          if (id === failing.id) throw new Error('database is locked');
          // Deleted by someone else between the listing and this deletion.
          if (id === meanwhile.id) await deleteSlo(id, 'user:default/a');
          // Changed by someone else between the listing and this deletion: no longer due.
          if (id === changed.id) {
            await store.updateSlo(
              id,
              {
                ...ratioSloSpec(changed.entityRef, changed.name),
                objective: 0.9,
              },
              changed.version,
              'user:default/a',
            );
          }
          return deleteSlo(id, actor, options);
        });
      const { logger, lines } = recordingLogger();
      const cleanup = await cleanUpNow({
        store,
        entities: [component('api')],
        logger,
      });
      expect(cleanup.deleted.map(slo => slo.id)).toEqual([deletable.id]);
      expect(cleanup.left).toBe(1);
      expect(
        (await store.listSlos()).items.map(slo => [slo.id, slo.version]),
      ).toEqual([
        // In the listing's order, by entity: gone-1 (changed), gone-3 (failing).
        [changed.id, 2],
        [failing.id, 1],
      ]);
      expect(lines).toEqual([
        {
          level: 'warn',
          message: `Could not delete SLO ${failing.id} ("${failing.name}" of ${failing.entityRef}), whose entity is not in the catalog; the next run tries again: database is locked`,
        },
        {
          level: 'info',
          message: `Deleted 1 SLO whose entity has not been in the catalog for over 30d (stewardship.slos.evaluation.removedEntityRetention): ${deletable.entityRef} "${deletable.name}"; 1 more next run`,
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    "are found from the entities alone: only the missing entities' SLOs are read (%p)",
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { store, slos } = await goneSlos(knex, 3);
      const listSlos = jest.spyOn(store, 'listSlos');
      const { logger } = recordingLogger();
      const everyEntity = slos.map(slo =>
        component(slo.entityRef.split('/')[1]),
      );

      // Every entity in the catalog: no SLO is read at all.
      await cleanUpNow({ store, entities: everyEntity, logger });
      expect(listSlos).not.toHaveBeenCalled();

      // One entity missing: only its SLOs are read, and deleted.
      const [gone, ...staying] = slos;
      const cleanup = await cleanUpNow({
        store,
        entities: everyEntity.slice(1),
        logger,
      });
      expect(listSlos.mock.calls).toEqual([[{ entityRefs: [gone.entityRef] }]]);
      expect(cleanup.deleted.map(slo => slo.id)).toEqual([gone.id]);
      listSlos.mockRestore();
      expect((await store.listSlos()).items.map(slo => slo.id)).toEqual(
        staying.map(slo => slo.id),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'stop being deleted between two deletions once the run aborts, the run saying how many went (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const total = 5;
      const { store, longestGoneFirst } = await goneSlos(knex, total);
      const { catalog } = countingCatalog([component('api')]);
      const abort = new AbortController();
      const reason = new Error('the housekeeping run timed out');
      const abortAfter = 2;
      const { auditor, events } = recordingAuditor(() => {
        if (events.length === abortAfter) abort.abort(reason);
      });
      const { logger, lines } = recordingLogger();
      const run = await housekeeping({
        store,
        catalog,
        retention: RETENTION,
        logger,
        auditor,
      });

      await expect(run(abort.signal)).rejects.toBe(reason);
      expect(events).toHaveLength(abortAfter);
      expect(await liveNames(store)).toEqual(
        longestGoneFirst
          .slice(abortAfter)
          .map(slo => slo.name)
          .sort(),
      );
      expect(lines).toEqual([
        {
          level: 'info',
          message: `Deleted ${abortAfter} SLOs whose entities have not been in the catalog for over 30d (stewardship.slos.evaluation.removedEntityRetention): ${longestGoneFirst
            .slice(0, abortAfter)
            .map(slo => `${slo.entityRef} "${slo.name}"`)
            .join(', ')}; ${total - abortAfter} more next run`,
        },
        {
          level: 'warn',
          message: `SLO housekeeping stopped early (the housekeeping run timed out): before the stop it deleted 0 old snapshots from slo_snapshots and recorded 0 SLOs of unconfigured metric sources as no-data and deleted ${abortAfter} SLOs whose entity left the catalog; the next run prunes the rest`,
        },
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'are not deleted when the run aborts while the catalog is read (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { store } = await goneSlos(knex, 2);
      const { catalog, probe } = countingCatalog([component('api')]);
      probe.refsGate = new Promise(() => {});
      const { auditor, events } = recordingAuditor();
      const { logger, lines } = recordingLogger();
      const run = await housekeeping({
        store,
        catalog,
        retention: RETENTION,
        logger,
        auditor,
      });

      const abort = new AbortController();
      const outcome = run(abort.signal);
      const until = Date.now() + 5000;
      while (probe.refsReads === 0 && Date.now() < until) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      expect(probe.refsReads).toBe(1);
      const reason = new Error('the scheduler timed the run out');
      abort.abort(reason);
      await expect(outcome).rejects.toBe(reason);
      expect(events).toEqual([]);
      expect((await store.listSlos()).totalCount).toBe(2);
      // An abort, not a catalog failure: no "could not read the catalog" warning.
      expect(lines).toEqual([
        {
          level: 'warn',
          message:
            'SLO housekeeping stopped early (the scheduler timed the run out): before the stop it deleted 0 old snapshots from slo_snapshots and recorded 0 SLOs of unconfigured metric sources as no-data and deleted 0 SLOs whose entity left the catalog; the next run prunes the rest',
        },
      ]);
    },
  );
});
