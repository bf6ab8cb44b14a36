import {
  SloDefinition,
  SloSpec,
} from '@stewardship/backstage-plugin-stewardship-common';

/** A minimal ratio SLO of `entityRef` named `name`, for tests that only need some SLO. */
export const ratioSloSpec = (entityRef: string, name: string): SloSpec => ({
  entityRef,
  name,
  sli: { type: 'ratio', good: 'good{job="x"}', total: 'total{job="x"}' },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prometheus',
  alertPolicies: [],
  labels: {},
});

/** {@link ratioSloSpec} of checkout, for store tests. */
export const checkoutSloSpec = (name: string): SloSpec =>
  ratioSloSpec('component:default/checkout', name);

/**
 * A create body for an SLO of `entityRef` (named `name`) on the metric source `prom`, for route
 * tests whose source is never queried (reads answer from the store).
 */
export const sloBodyFor = (entityRef: string, name = 'availability') => ({
  entityRef,
  name,
  sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '7d' },
  metricSource: 'prom',
});

/**
 * A stored ratio SLO of `component:default/api` (version 1, no alert policies) on the metric
 * source `metricSource`, for evaluator tests that need a definition but no store.
 */
export const apiSloDefinition = (metricSource: string): SloDefinition => ({
  id: 'slo-1',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  entityRef: 'component:default/api',
  name: 'availability',
  sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource,
  alertPolicies: [],
  labels: {},
});
