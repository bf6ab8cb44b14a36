/*
 * The limit on POST slos/{id}/evaluate, with a clock the test moves and a runner that counts
 * what it is asked to evaluate and store: a repeat for now within the interval answers the last
 * evaluation; stored evaluations draw on a per-SLO allowance that refills one per interval.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  SloDefinition,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import Knex from 'knex';
import { component } from '../__testUtils__/entities';
import { StewardshipDatabase } from '../database/StewardshipDatabase';
import { EntityPermissions } from '../lib/EntityPermissions';
import { SloEvaluationRunner } from './SloEvaluationRunner';
import { SloEvaluator } from './SloEvaluator';
import { SloService } from './SloService';
import { catalogAccess } from '../__testUtils__/catalogReadPolicy';
import { storedEvaluation } from '../__testUtils__/evaluations';

/** The checkout SLO the tests evaluate. */
const CHECKOUT_SPEC = {
  entityRef: 'component:default/checkout',
  name: 'a',
  sli: { type: 'ratio' as const, good: 'g', total: 't' },
  objective: 0.99,
  timeWindow: { type: 'rolling' as const, duration: '30d' },
  budgetingMethod: 'occurrences' as const,
  metricSource: 'prom',
  alertPolicies: [],
  labels: {},
};

/**
 * A service over an in-memory database with a burst of 3 per 30 s, whose runner records each
 * SLO it is asked to evaluate and store, and answers with its id, version and moment; the clock
 * reads `clock.now`.
 */
async function onDemandService(clock: { now: number }) {
  const knex = Knex({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const db = await StewardshipDatabase.forTest(knex);
  const evaluated: Array<{ version: number; at: string; corrections: number }> =
    [];
  const runner = {
    evaluateAndStore: async (slo: SloDefinition, at: Date) => {
      evaluated.push({
        version: slo.version,
        at: at.toISOString(),
        corrections: slo.corrections?.length ?? 0,
      });
      return {
        sloId: slo.id,
        sloVersion: slo.version,
        at: at.toISOString(),
      } as SloEvaluation;
    },
  } as unknown as SloEvaluationRunner;
  const service = new SloService({
    store: db.slos,
    evaluator: {
      sourceNames: ['prom'],
      source: () => undefined,
      withQueryLinks: (_: SloDefinition, e: SloEvaluation) => e,
    } as unknown as SloEvaluator,
    runner,
    ...catalogAccess(catalogServiceMock({ entities: [component('checkout')] })),
    permissions: new EntityPermissions(mockServices.permissions()),
    onDemandEvaluations: { burst: 3, intervalMs: 30_000 },
    stalenessMs: 600_000,
    now: () => new Date(clock.now),
  });
  const slo = await db.slos.createSlo(CHECKOUT_SPEC, 'test');
  return { knex, db, service, slo, evaluated };
}

describe('SloService on-demand evaluation limit', () => {
  it('answers repeats for now, allows a burst of moments, then refuses until it refills', async () => {
    const clock = { now: Date.parse('2026-11-30T12:00:00Z') };
    const { knex, service, slo, evaluated } = await onDemandService(clock);
    const jane = mockCredentials.user('user:default/jane');
    const hoursAgo = (h: number) => new Date(clock.now - h * 3_600_000);

    const first = await service.evaluate(slo.id, undefined, jane);
    // 10 s later, now again: the same evaluation, nothing stored.
    clock.now += 10_000;
    expect(await service.evaluate(slo.id, undefined, jane)).toBe(first);
    expect(evaluated).toHaveLength(1);
    // Two past moments use the rest of the allowance of 3.
    await service.evaluate(slo.id, hoursAgo(1), jane);
    await service.evaluate(slo.id, hoursAgo(2), jane);
    expect(evaluated).toHaveLength(3);
    const refused = service.evaluate(slo.id, hoursAgo(3), jane);
    // The allowance was filled at 12:00:00; it is now 12:00:10: one more in 20 s (Retry-After).
    await expect(refused).rejects.toMatchObject({
      name: 'TooManyRequestsError',
      statusCode: 429,
      retryAfterSeconds: 20,
    });
    await expect(refused).rejects.toThrow(
      'has used its on-demand evaluations (3, one more every 30 s) — retry in 20 s',
    );
    expect(evaluated).toHaveLength(3);
    // 20 s later one evaluation is back; the repeat-for-now window (30 s) has passed too.
    clock.now += 20_000;
    await service.evaluate(slo.id, undefined, jane);
    expect(evaluated).toHaveLength(4);
    await expect(
      service.evaluate(slo.id, hoursAgo(4), jane),
    ).rejects.toMatchObject({ statusCode: 429 });
    await knex.destroy();
  });

  it('evaluates an edited SLO again, not answering with the version before the edit', async () => {
    const clock = { now: Date.parse('2026-11-30T12:00:00Z') };
    const { knex, db, service, slo, evaluated } = await onDemandService(clock);
    const jane = mockCredentials.user('user:default/jane');

    expect(await service.evaluate(slo.id, undefined, jane)).toMatchObject({
      sloVersion: 1,
    });
    // Saved with another objective in the same second, then evaluated for now again (as the
    // SLO editor does after a save): the new version's evaluation, stored.
    await db.slos.updateSlo(
      slo.id,
      { ...CHECKOUT_SPEC, objective: 0.999 },
      1,
      'test',
    );
    expect(await service.evaluate(slo.id, undefined, jane)).toMatchObject({
      sloVersion: 2,
    });
    // A repeat of the same version is still answered from the last one.
    expect(await service.evaluate(slo.id, undefined, jane)).toMatchObject({
      sloVersion: 2,
    });
    expect(evaluated.map(e => e.version)).toEqual([1, 2]);
    await knex.destroy();
  });

  it('evaluates again after a correction is added or deleted, though the version stays', async () => {
    const clock = { now: Date.parse('2026-11-30T12:00:00Z') };
    const { knex, service, slo, evaluated } = await onDemandService(clock);
    const jane = mockCredentials.user('user:default/jane');

    await service.evaluate(slo.id, undefined, jane);
    // 5 s later a correction is added (the UI: "Corrections apply from the next evaluation on"),
    // then "Evaluate now": a new evaluation with it, not the one from 5 s before.
    clock.now += 5_000;
    const correction = await service.addCorrection(
      slo.id,
      {
        reason: 'Planned maintenance',
        once: { start: '2026-11-30T10:00:00Z', end: '2026-11-30T11:00:00Z' },
      },
      jane,
    );
    await service.evaluate(slo.id, undefined, jane);
    // A repeat with the same corrections is answered from it.
    await service.evaluate(slo.id, undefined, jane);
    // Deleted again, 5 s later: evaluated again, without it.
    clock.now += 5_000;
    await service.deleteCorrection(slo.id, correction.id, jane);
    await service.evaluate(slo.id, undefined, jane);
    // Three evaluations, of one version: without the correction, with it, without it again.
    expect(evaluated.map(e => [e.version, e.corrections])).toEqual([
      [1, 0],
      [1, 1],
      [1, 0],
    ]);
    await knex.destroy();
  });

  it('limits SLI previews per caller, not per SLO, and stores nothing', async () => {
    const knex = Knex({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    const db = await StewardshipDatabase.forTest(knex);
    let now = Date.parse('2026-11-30T12:00:00Z');
    const previewed: string[] = [];
    const evaluator = {
      sourceNames: ['prom'],
      source: () => undefined,
      evaluate: async (slo: SloDefinition, at: Date) => {
        previewed.push(slo.name);
        return { sloId: slo.id, at: at.toISOString() } as SloEvaluation;
      },
      withQueryLinks: (_: SloDefinition, e: SloEvaluation) => e,
    } as unknown as SloEvaluator;
    const service = new SloService({
      store: db.slos,
      evaluator,
      runner: {} as SloEvaluationRunner,
      ...catalogAccess(
        catalogServiceMock({ entities: [component('checkout')] }),
      ),
      permissions: new EntityPermissions(mockServices.permissions()),
      onDemandEvaluations: { burst: 2, intervalMs: 30_000 },
      stalenessMs: 600_000,
      now: () => new Date(now),
    });
    const spec = (name: string) => ({
      entityRef: 'checkout',
      name,
      sli: { type: 'ratio', good: 'g', total: 't' },
      objective: 0.99,
      timeWindow: { type: 'rolling', duration: '30d' },
      metricSource: 'prom',
    });
    const jane = mockCredentials.user('user:default/jane');
    const bob = mockCredentials.user('user:default/bob');

    const first = await service.preview(spec('a'), jane);
    expect(first).toMatchObject({
      sloId: 'preview',
      at: '2026-11-30T12:00:00.000Z',
    });
    await service.preview(spec('b'), jane);
    // Filled at 12:00:00 and it is still 12:00:00: one more in 30 s.
    await expect(service.preview(spec('c'), jane)).rejects.toMatchObject({
      statusCode: 429,
      retryAfterSeconds: 30,
    });
    // Another caller has an allowance of their own.
    await service.preview(spec('c'), bob);
    now += 30_000;
    await service.preview(spec('d'), jane);
    expect(previewed).toEqual(['a', 'b', 'c', 'd']);
    expect((await db.slos.listSlos({})).totalCount).toBe(0);
    await knex.destroy();
  });

  it('limits statuses evaluated on the spot per caller, apart from evaluate, and answers fresh snapshots freely', async () => {
    const knex = Knex({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    const db = await StewardshipDatabase.forTest(knex);
    const clock = { now: Date.parse('2026-11-30T12:00:00Z') };
    const asked: string[] = [];
    const evaluator = {
      sourceNames: ['prom'],
      source: () => undefined,
      evaluate: async (slo: SloDefinition, at: Date) => {
        asked.push(`${slo.name}@${at.toISOString()}`);
        return { sloId: slo.id, at: at.toISOString() } as SloEvaluation;
      },
      withQueryLinks: (_: SloDefinition, e: SloEvaluation) => e,
    } as unknown as SloEvaluator;
    const stored: string[] = [];
    const service = new SloService({
      store: db.slos,
      evaluator,
      runner: {
        evaluateAndStore: async (slo: SloDefinition) => {
          stored.push(slo.name);
          return { sloId: slo.id } as SloEvaluation;
        },
      } as unknown as SloEvaluationRunner,
      ...catalogAccess(
        catalogServiceMock({ entities: [component('checkout')] }),
      ),
      permissions: new EntityPermissions(mockServices.permissions()),
      onDemandEvaluations: { burst: 2, intervalMs: 30_000 },
      stalenessMs: 600_000,
      now: () => new Date(clock.now),
    });
    const a = await db.slos.createSlo(CHECKOUT_SPEC, 'test');
    const b = await db.slos.createSlo({ ...CHECKOUT_SPEC, name: 'b' }, 'test');
    const jane = mockCredentials.user('user:default/jane');
    const bob = mockCredentials.user('user:default/bob');

    // No snapshot: each status asks the source, of either SLO, from Jane's 2.
    await service.status(a.id, undefined, jane);
    await service.status(b.id, undefined, jane);
    const refused = service.status(a.id, undefined, jane);
    await expect(refused).rejects.toMatchObject({
      name: 'TooManyRequestsError',
      statusCode: 429,
      retryAfterSeconds: 30,
    });
    // Filled at 12:00:00 and it is still 12:00:00: one more in 30 s.
    await expect(refused).rejects.toThrow(
      `SLO ${a.id} has no fresh snapshot as of 2026-11-30T12:00:00.000Z, and your on-demand ` +
        'reads of metric sources are used up (2, one more every 30 s) — retry in 30 s',
    );
    expect(asked).toEqual([
      'a@2026-11-30T12:00:00.000Z',
      'b@2026-11-30T12:00:00.000Z',
    ]);
    // Bob has his own; the SLO's evaluate allowance is untouched (its burst is 2 too).
    await service.status(a.id, undefined, bob);
    await service.evaluate(a.id, new Date('2026-11-30T10:00:00Z'), jane);
    await service.evaluate(a.id, new Date('2026-11-30T11:00:00Z'), jane);
    expect(stored).toEqual(['a', 'a']);
    // A fresh snapshot is read, not evaluated: it costs nothing, also with the allowance spent.
    await db.slos.saveSnapshot(storedEvaluation(a, clock.now - 60_000));
    expect(await service.status(a.id, undefined, jane)).toMatchObject({
      sloId: a.id,
      at: '2026-11-30T11:59:00.000Z',
    });
    // 10 s short of the refill, still refused, and told so.
    clock.now += 20_000;
    const later = service.status(b.id, undefined, jane);
    await expect(later).rejects.toThrow('retry in 10 s');
    await expect(later).rejects.toMatchObject({ retryAfterSeconds: 10 });
    clock.now += 10_000;
    await service.status(b.id, undefined, jane);
    expect(asked).toHaveLength(4);
    await knex.destroy();
  });
});
