/*
 * The snapshot reads the entity tab and the burndown chart make, checked against the same rules
 * computed here in plain TypeScript over everything stored: the history thinned to the newest
 * point of each epoch-aligned time bucket (ties in `at` ordered by storage), and the latest
 * snapshot as of a moment (of two as of the same moment, the one stored last).
 */
import { SloEvaluation } from '@stewardship/backstage-plugin-stewardship-common';
import { checkoutSloSpec } from '../__testUtils__/sloSpecs';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from './StewardshipDatabase';
import { storedEvaluation } from '../__testUtils__/evaluations';

const databases = createTestDatabases();

const spec = checkoutSloSpec;

const T0 = Date.parse('2026-11-01T00:00:00Z');
const MINUTE = 60_000;

/** A snapshot whose `sli` identifies it (its storage order), so ties can be told apart. */
function snapshot(sloId: string, at: number, seq: number): SloEvaluation {
  const slo = {
    id: sloId,
    entityRef: 'component:default/checkout',
    objective: 0.999,
  };
  return storedEvaluation(slo, at, {
    sli: seq / 1000,
    remaining: 0.5,
    allowedBad: 1,
    burnRates: [{ window: '1h', burnRate: 1 }],
  });
}

/**
 * The history's rule, written out independently of the store: every point when there are at
 * most `limit`; otherwise the range is cut into buckets of ⌊(to − from) / (limit − 1)⌋ + 1 ms
 * counted from the epoch and the last point stored at the latest moment of each bucket is kept.
 */
function thinned<P extends { at: number; seq: number }>(
  points: P[],
  from: number,
  to: number,
  limit: number,
): P[] {
  if (points.length <= limit) return points;
  const width = Math.floor((to - from) / (limit - 1)) + 1;
  const newestByBucket = new Map<number, P>();
  for (const p of points) {
    const bucket = Math.floor(p.at / width);
    const kept = newestByBucket.get(bucket);
    if (!kept || p.at > kept.at || (p.at === kept.at && p.seq > kept.seq)) {
      newestByBucket.set(bucket, p);
    }
  }
  return [...newestByBucket.values()].sort(
    (a, b) => a.at - b.at || a.seq - b.seq,
  );
}

describe('snapshot reads', () => {
  it.each(databases.eachSupportedId())(
    'thins any history to the newest point of each time bucket, %p',
    async databaseId => {
      const db = await StewardshipDatabase.forTest(
        await databases.init(databaseId),
      );
      const store = db.slos;
      const [a, b] = await store.createSlos(
        [spec('a'), spec('b')],
        'user:default/j',
      );
      // 137 points of a every 5 minutes, with some moments evaluated twice, interleaved with b.
      const stored: Array<{ at: number; seq: number }> = [];
      const batch: SloEvaluation[] = [];
      let seq = 0;
      for (let i = 0; i < 120; i++) {
        const at = T0 + i * 5 * MINUTE;
        let times = 1;
        if (i % 17 === 3) times = 3;
        else if (i % 11 === 5) times = 2;
        for (let k = 0; k < times; k++) {
          seq++;
          stored.push({ at, seq });
          batch.push(snapshot(a.id, at, seq));
        }
        batch.push(snapshot(b.id, at, 0));
      }
      await store.saveSnapshots(batch);
      expect(stored.length).toBeGreaterThan(130);

      const cases = [
        { from: 0, to: 119, limit: 2 },
        { from: 0, to: 119, limit: 3 },
        { from: 0, to: 119, limit: 10 },
        { from: 0, to: 119, limit: 45 },
        { from: 0, to: 119, limit: 136 },
        { from: 0, to: 119, limit: stored.length },
        { from: 0, to: 119, limit: 5000 },
        { from: 3, to: 40, limit: 7 },
        { from: 5, to: 5, limit: 2 },
        { from: 20, to: 119, limit: 9 },
        { from: 200, to: 300, limit: 9 },
        // From before 1970: buckets below zero, and all the points in one or two of them.
        { from: -7_000_000, to: 119, limit: 9 },
      ];
      for (const { from, to, limit } of cases) {
        const fromMs = T0 + from * 5 * MINUTE;
        const toMs = T0 + to * 5 * MINUTE;
        // Stored order within a moment is storage order, as `ORDER BY at, id` gives.
        const inRange = stored.filter(p => p.at >= fromMs && p.at <= toMs);
        const expected = thinned(inRange, fromMs, toMs, limit).map(p => [
          new Date(p.at).toISOString(),
          p.seq / 1000,
        ]);

        const points = await store.snapshotHistory(a.id, {
          from: new Date(fromMs),
          to: new Date(toMs),
          limit,
        });
        expect({
          from,
          to,
          limit,
          points: points.map(p => [p.at, p.sli]),
        }).toEqual({ from, to, limit, points: expected });
        expect(points.length).toBeLessThanOrEqual(limit);
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the points of a rolling window put as new snapshots arrive, %p',
    async databaseId => {
      const db = await StewardshipDatabase.forTest(
        await databases.init(databaseId),
      );
      const store = db.slos;
      const [slo] = await store.createSlos([spec('rolling')], 'user:default/j');
      // Two days every 5 minutes; a 1-day window read at 50 points, moving on 5 minutes 12 times.
      const STEP = 5 * MINUTE;
      const DAY = 288 * STEP;
      await store.saveSnapshots(
        Array.from({ length: 576 }, (_, i) =>
          snapshot(slo.id, T0 + i * STEP, i),
        ),
      );
      const limit = 50;
      const width = Math.floor(DAY / (limit - 1)) + 1;
      const bucket = (at: string | number) =>
        Math.floor(new Date(at).getTime() / width);

      const readings: string[][] = [];
      for (let k = 0; k <= 12; k++) {
        const to = T0 + DAY + k * STEP;
        const points = (
          await store.snapshotHistory(slo.id, {
            from: new Date(to - DAY),
            to: new Date(to),
            limit,
          })
        ).map(p => p.at);
        expect(points.length).toBeLessThanOrEqual(limit);
        expect(points.at(-1)).toBe(new Date(to).toISOString());
        readings.push(points);
      }
      for (let k = 1; k < readings.length; k++) {
        const [before, points] = [readings[k - 1], readings[k]];
        // Every bucket both reads cover whole, all but the newest, shows the same point.
        const first = bucket(points[0]);
        const newest = bucket(before.at(-1)!);
        const settled = before.filter(
          at => bucket(at) > first && bucket(at) < newest,
        );
        expect(settled.length).toBeGreaterThan(40);
        expect(points).toEqual(expect.arrayContaining(settled));
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'serves the latest snapshot of each SLO as of any moment, alone and with its entity or entities, %p',
    async databaseId => {
      const db = await StewardshipDatabase.forTest(
        await databases.init(databaseId),
      );
      const store = db.slos;
      // Created out of name order: the entity's list is ordered by name.
      const slos = await store.createSlos(
        ['c', 'a', 'd', 'b'].map(spec),
        'user:default/j',
      );
      // Neither is the checkout's: another entity's, and one of its own deleted.
      const [elsewhere, deleted] = await store.createSlos(
        [
          { ...spec('a'), entityRef: 'component:default/payments' },
          spec('deleted'),
        ],
        'user:default/j',
      );
      const stored: Array<{ sloId: string; at: number; seq: number }> = [];
      const batch: SloEvaluation[] = [];
      const add = (sloId: string, at: number) => {
        const seq = stored.length + 1;
        stored.push({ sloId, at, seq });
        batch.push(snapshot(sloId, at, seq));
      };
      // c: 60 points, a: every third moment twice, d: one point late, b: nothing.
      for (let i = 0; i < 60; i++) {
        const at = T0 + i * 5 * MINUTE;
        add(slos[0].id, at);
        if (i % 3 === 0) {
          add(slos[1].id, at);
          add(slos[1].id, at);
        }
        if (i === 50) add(slos[2].id, at);
      }
      batch.push(snapshot(elsewhere.id, T0, 0), snapshot(deleted.id, T0, 0));
      await store.saveSnapshots(batch);
      await store.deleteSlo(deleted.id, 'user:default/j');

      const ids = slos.map(s => s.id);
      for (const step of [-1, 0, 1, 2, 3, 4, 49, 50, 51, 59, 70]) {
        const moment = T0 + step * 5 * MINUTE + (step === 2 ? MINUTE : 0);
        const expected = new Map<string, number>();
        for (const p of stored) {
          if (p.at > moment) continue;
          const best = stored.find(
            q => q.sloId === p.sloId && q.seq === expected.get(p.sloId),
          );
          if (
            !best ||
            p.at > best.at ||
            (p.at === best.at && p.seq > best.seq)
          ) {
            expected.set(p.sloId, p.seq);
          }
        }
        const latest = await store.latestSnapshots(ids, new Date(moment));
        expect({
          step,
          latest: Object.fromEntries(
            [...latest].map(([id, e]) => [id, Math.round(e.sli! * 1000)]),
          ),
        }).toEqual({ step, latest: Object.fromEntries(expected) });

        const ofEntity = await store.entitySlosWithLatest(
          'component:default/checkout',
          new Date(moment),
        );
        expect({
          step,
          ofEntity: ofEntity.map(({ slo, latest: e }) => [
            slo.name,
            e && Math.round(e.sli! * 1000),
          ]),
        }).toEqual({
          step,
          ofEntity: [...slos]
            .sort((x, y) => x.name.localeCompare(y.name))
            .map(slo => [slo.name, expected.get(slo.id)]),
        });

        // Several entities in one read: each list as the entity's own read has it, a repeated
        // ref once, an entity without a live SLO absent.
        const ofEntities = await store.entitiesSlosWithLatest(
          [
            'component:default/payments',
            'component:default/checkout',
            'component:default/nothing',
            'component:default/payments',
          ],
          new Date(moment),
        );
        expect({
          step,
          ofEntities: Object.fromEntries(
            [...ofEntities].map(([ref, items]) => [
              ref,
              items.map(({ slo, latest: e }) => [
                slo.id,
                e && Math.round(e.sli! * 1000),
              ]),
            ]),
          ),
        }).toEqual({
          step,
          ofEntities: {
            'component:default/checkout': [...slos]
              .sort((x, y) => x.name.localeCompare(y.name))
              .map(slo => [slo.id, expected.get(slo.id)]),
            'component:default/payments': [
              [elsewhere.id, moment >= T0 ? 0 : undefined],
            ],
          },
        });
      }
    },
  );
});
