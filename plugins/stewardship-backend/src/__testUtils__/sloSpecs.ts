import { SloSpec } from '@stewardship/backstage-plugin-stewardship-common';

/** A minimal ratio SLO of checkout named `name`, for store tests that only need some SLO. */
export const checkoutSloSpec = (name: string): SloSpec => ({
  entityRef: 'component:default/checkout',
  name,
  sli: { type: 'ratio', good: 'good{job="x"}', total: 'total{job="x"}' },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prometheus',
  alertPolicies: [],
  labels: {},
});

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
