/*
 * SLO test data. Every evaluation is produced by the -common engine (`evaluateSlo`,
 * `noDataEvaluation`) from event counts, exactly as the backend produces it, so each figure in a
 * fixture (SLI, budget remaining, allowed bad events, burn rates, time to exhaustion) follows the
 * documented formulas: SLI = good / total, remaining = 1 − (1 − SLI) / (1 − objective),
 * allowed bad = (1 − objective) × total, burn rate = error ratio / (1 − objective).
 * Nothing below is a typed-in result.
 */
import {
  EventCounts,
  SloDefinition,
  SloEvaluation,
  SloSpec,
  burnWindowsFor,
  evaluateSlo,
  noDataEvaluation,
  parseDuration,
  resolveAlertPolicies,
  sloWindowAt,
} from '@stewardship/backstage-plugin-stewardship-common';
import { EntitySlo, EntitySlos } from '../api';

/** The moment every fixture is evaluated as of. */
export const SLO_AT = new Date('2024-09-20T12:00:00.000Z');
/** When the fresh evaluations ran: 4 s after `SLO_AT`. */
export const SLO_EVALUATED_AT = new Date(SLO_AT.getTime() + 4000);

export const ENTITY_REF = 'component:default/payments-api';

/** The backend's default staleness (twice the 5-minute cadence), as its SLO lists say it. */
export const SLO_STALENESS_SECONDS = 600;

let nextId = 0;
function defineSlo(
  spec: Partial<SloSpec> & Pick<SloSpec, 'name' | 'sli'>,
): SloDefinition {
  nextId += 1;
  return {
    id: `00000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`,
    version: 1,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    entityRef: ENTITY_REF,
    objective: 0.999,
    timeWindow: { type: 'rolling', duration: '30d' },
    budgetingMethod: 'occurrences',
    metricSource: 'prometheus',
    alertPolicies: [{ preset: 'sre-workbook' }],
    labels: {},
    ...spec,
  };
}

/**
 * Counts for every burn-rate window the SLO's policies need: `eventsPerSecond` × window length
 * events, of which `errorRatio(window)` are bad.
 */
function burnCounts(
  slo: SloDefinition,
  eventsPerSecond: number,
  errorRatio: (window: string) => number,
): Record<string, EventCounts> {
  const { periodSeconds } = sloWindowAt(slo.timeWindow, SLO_AT);
  const { policies } = resolveAlertPolicies(slo.alertPolicies, {
    objective: slo.objective,
    periodSeconds,
  });
  const result: Record<string, EventCounts> = {};
  for (const window of burnWindowsFor(policies)) {
    const total = parseDuration(window)! * eventsPerSecond;
    const bad = Math.round(total * errorRatio(window));
    result[window] = { good: total - bad, total };
  }
  return result;
}

function evaluate(
  slo: SloDefinition,
  windowCounts: EventCounts,
  burn: Record<string, EventCounts>,
): SloEvaluation {
  return evaluateSlo({
    slo,
    at: SLO_AT,
    evaluatedAt: SLO_EVALUATED_AT,
    windowCounts,
    burnCounts: burn,
    queries: [`sum(increase(${slo.sli.total}[30d]))`],
  });
}

const ratioSli = (job: string) => ({
  type: 'ratio' as const,
  good: `http_requests_total{job="${job}",code!~"5.."}`,
  total: `http_requests_total{job="${job}"}`,
});

/** Healthy, 99.9 % over 30 d: 9,989 of 17,278 allowed bad requests used, burning at 0.5. */
export const healthySlo = defineSlo({
  name: 'availability',
  description: '99.9 % of payment requests succeed',
  sli: ratioSli('payments'),
});
export const healthyCounts: EventCounts = {
  good: 17_278_000 - 9_989,
  total: 17_278_000,
};
export const healthyEvaluation = evaluate(
  healthySlo,
  healthyCounts,
  burnCounts(healthySlo, 10, () => 0.0005),
);

/** At risk: budget left, but 2 % errors over the last 6 h burn at 20 and fire the page policies. */
export const atRiskSlo = defineSlo({
  name: 'checkout-availability',
  sli: ratioSli('checkout'),
});
export const atRiskEvaluation = evaluate(
  atRiskSlo,
  { good: 10_000_000 - 2_000, total: 10_000_000 },
  burnCounts(atRiskSlo, 10, window =>
    ['5m', '30m', '1h', '2h', '6h'].includes(window) ? 0.02 : 0.0001,
  ),
);

/** Exhausted latency SLO: 99 % under 300 ms over 28 d; 15,000 slow of 10,000 allowed. */
export const exhaustedLatencySlo = defineSlo({
  name: 'latency-p99',
  sli: {
    type: 'latency',
    thresholdSeconds: 0.3,
    good: 'http_request_duration_seconds_bucket{job="payments",le="0.3"}',
    total: 'http_request_duration_seconds_count{job="payments"}',
  },
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '28d' },
});
export const exhaustedEvaluation = evaluate(
  exhaustedLatencySlo,
  { good: 1_000_000 - 15_000, total: 1_000_000 },
  burnCounts(exhaustedLatencySlo, 1, () => 0.005),
);

/** Timeslices over 7 d: 2016 five-minute slices, 6 bad, objective 99 %, not burning now. */
export const timeslicesSlo = defineSlo({
  name: 'search-timeslices',
  sli: ratioSli('search'),
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '7d' },
  budgetingMethod: 'timeslices',
  timeslice: { duration: '5m', target: 0.95 },
});
export const timeslicesEvaluation = evaluate(
  timeslicesSlo,
  { good: 2016 - 6, total: 2016 },
  burnCounts(timeslicesSlo, 1, () => 0),
);

/** Calendar quarter in Europe/Berlin, 99.5 %. */
export const calendarSlo = defineSlo({
  name: 'quarterly-availability',
  sli: ratioSli('ledger'),
  objective: 0.995,
  timeWindow: { type: 'calendar', unit: 'quarter', timeZone: 'Europe/Berlin' },
});
export const calendarEvaluation = evaluate(
  calendarSlo,
  { good: 5_000_000 - 4_000, total: 5_000_000 },
  burnCounts(calendarSlo, 2, () => 0.001),
);

/** The metric source is down. */
export const sourceDownSlo = defineSlo({
  name: 'refunds-availability',
  sli: ratioSli('refunds'),
});
export const SOURCE_ERROR_MESSAGE =
  'GET http://prometheus:9090/api/v1/query failed: connect ECONNREFUSED';
export const sourceDownEvaluation = noDataEvaluation({
  slo: sourceDownSlo,
  at: SLO_AT,
  evaluatedAt: SLO_EVALUATED_AT,
  reason: 'source-error',
  message: SOURCE_ERROR_MESSAGE,
  queries: [],
});

/** Names a metric source that is not configured. */
export const unknownSourceSlo = defineSlo({
  name: 'ledger-latency',
  sli: ratioSli('ledger'),
  metricSource: 'thanos-eu',
});
export const unknownSourceEvaluation = noDataEvaluation({
  slo: unknownSourceSlo,
  at: SLO_AT,
  evaluatedAt: SLO_EVALUATED_AT,
  reason: 'unknown-source',
  message: 'no metric source named thanos-eu is configured',
  queries: [],
});

/** A healthy evaluation that ran 3 h before `SLO_AT`: stale. */
export const staleSlo = defineSlo({
  name: 'webhooks-availability',
  sli: ratioSli('webhooks'),
});
export const STALE_AGE_SECONDS = 3 * 3600;
export const staleEvaluation: SloEvaluation = evaluateSlo({
  slo: staleSlo,
  at: new Date(SLO_AT.getTime() - STALE_AGE_SECONDS * 1000),
  evaluatedAt: new Date(SLO_AT.getTime() - STALE_AGE_SECONDS * 1000),
  windowCounts: { good: 999_990, total: 1_000_000 },
  burnCounts: burnCounts(staleSlo, 1, () => 0),
  queries: [],
});

/** Never evaluated. */
export const neverEvaluatedSlo = defineSlo({
  name: 'new-slo',
  sli: ratioSli('new'),
});

/** One SLO in each state, as `GET /entities/…/slos` lists them. */
export const allSloItems: EntitySlo[] = [
  { slo: healthySlo, evaluation: healthyEvaluation, stale: false },
  { slo: atRiskSlo, evaluation: atRiskEvaluation, stale: false },
  { slo: exhaustedLatencySlo, evaluation: exhaustedEvaluation, stale: false },
  { slo: timeslicesSlo, evaluation: timeslicesEvaluation, stale: false },
  { slo: calendarSlo, evaluation: calendarEvaluation, stale: false },
  { slo: sourceDownSlo, evaluation: sourceDownEvaluation, stale: false },
  {
    slo: unknownSourceSlo,
    evaluation: unknownSourceEvaluation,
    stale: false,
  },
  { slo: staleSlo, evaluation: staleEvaluation, stale: true },
  { slo: neverEvaluatedSlo, stale: true },
];

/** An `EntitySlos` body for `entityRef` with `items`, as of `SLO_AT`. */
export function entitySlos(
  items: EntitySlo[],
  entityRef: string = ENTITY_REF,
): EntitySlos {
  return {
    entityRef,
    at: SLO_AT.toISOString(),
    stalenessSeconds: SLO_STALENESS_SECONDS,
    items: items.map(item => ({
      ...item,
      slo: { ...item.slo, entityRef },
    })),
  };
}
