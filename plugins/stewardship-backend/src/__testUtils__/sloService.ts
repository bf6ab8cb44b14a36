import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import { SloStore } from '../database/SloStore';
import { EntityPermissions } from '../lib/EntityPermissions';
import { SloEvaluationRunner } from '../slo/SloEvaluationRunner';
import { SloEvaluator } from '../slo/SloEvaluator';
import { SloService } from '../slo/SloService';
import { catalogAccess } from './catalogReadPolicy';
import { component } from './entities';

/** A metric source that must not be asked: any query fails the test that made it. */
export const unusedSource: MetricSource = {
  countEvents: () =>
    Promise.reject(new Error('not expected in this test: a source was asked')),
  countEventsPerSlice: () =>
    Promise.reject(new Error('not expected in this test: a source was asked')),
};

/**
 * SloService over a real store, as the plugin builds it, for tests that never evaluate: one
 * metric source `prom` that must not be asked ({@link unusedSource}), a catalog holding `entities`
 * (by default the component `checkout`), and every permission allowed.
 */
export function sloServiceForTest(
  store: SloStore,
  options: { entities?: Entity[]; stalenessMs?: number; now?: () => Date } = {},
): SloService {
  const evaluator = new SloEvaluator(new Map([['prom', unusedSource]]), {
    queryTimeoutMs: 1000,
  });
  return new SloService({
    store,
    evaluator,
    runner: new SloEvaluationRunner(store, evaluator, {
      concurrencyPerSource: 1,
    }),
    ...catalogAccess(
      catalogServiceMock({
        entities: options.entities ?? [component('checkout')],
      }),
    ),
    permissions: new EntityPermissions(mockServices.permissions()),
    stalenessMs: options.stalenessMs ?? 600_000,
    ...(options.now && { now: options.now }),
  });
}
