import {
  SloDefinition,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { ResponseError } from '@backstage/errors';
import { SloHistory } from '../../api';

/**
 * A failed read as the client rejects with it: `ResponseError.fromResponse` of the backend's JSON
 * error body, whose own `message` is only `Request failed with <status> <statusText>`.
 */
export function backendError(
  status: number,
  statusText: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

// Test data shaped like the backend's responses for one 30-day availability SLO (99.9 %).
// The formulas are written as the backend writes them; the UI must show them verbatim.

export const slo: SloDefinition = {
  id: '3f1c6a9e-0d5b-4d0e-9a43-1b2c3d4e5f60',
  version: 3,
  createdAt: '2024-04-01T00:00:00.000Z',
  updatedAt: '2024-04-20T08:00:00.000Z',
  entityRef: 'component:default/payments-api',
  name: 'availability',
  description: '99.9 % of checkout requests succeed',
  sli: {
    type: 'ratio',
    bad: 'http_requests_total{job="payments",code=~"5.."}',
    total: 'http_requests_total{job="payments"}',
  },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prometheus',
  alertPolicies: [{ preset: 'sre-workbook' }],
  labels: {},
};

const queries = [
  'sum(increase(http_requests_total{job="payments",code=~"5.."}[30d]))',
  'sum(increase(http_requests_total{job="payments"}[30d]))',
];

export const evaluation: SloEvaluation = {
  sloId: slo.id,
  sloVersion: 3,
  entityRef: slo.entityRef,
  at: '2024-05-01T00:00:00.000Z',
  evaluatedAt: '2024-05-01T00:00:04.000Z',
  status: 'at-risk',
  reason: 'Burning the error budget too fast: page-1h fires.',
  window: {
    start: '2024-04-01T00:00:00.000Z',
    end: '2024-05-01T00:00:00.000Z',
  },
  sli: 0.99942,
  counts: { good: 17268011, total: 17278032 },
  objective: 0.999,
  errorBudget: {
    remaining: 0.42,
    consumed: 0.58,
    allowedBad: 17278.032,
    bad: 10021,
    // remaining × 30 d / (burn rate 1h − 1 + remaining), a rolling window's formula.
    secondsToExhaustion: (0.42 * 2_592_000) / (15.2 - 1 + 0.42),
  },
  burnRates: [
    {
      window: '5m',
      burnRate: 16,
      errorRatio: 0.016,
      counts: { good: 2952, total: 3000 },
    },
    {
      window: '30m',
      burnRate: 3.5,
      errorRatio: 0.0035,
      counts: { good: 17937, total: 18000 },
    },
    {
      window: '1h',
      burnRate: 15.2,
      errorRatio: 0.0152,
      counts: { good: 35453, total: 36000 },
    },
    {
      window: '6h',
      burnRate: 4.8,
      errorRatio: 0.0048,
      counts: { good: 214963, total: 216000 },
    },
    { window: '3d' },
  ],
  alerts: [
    {
      policy: {
        name: 'page-1h',
        severity: 'page',
        burnRate: 14.4,
        longWindow: '1h',
        shortWindow: '5m',
        budgetFraction: 0.02,
      },
      firing: true,
      longBurnRate: 15.2,
      shortBurnRate: 16,
    },
    {
      policy: {
        name: 'page-6h',
        severity: 'page',
        burnRate: 6,
        longWindow: '6h',
        shortWindow: '30m',
        budgetFraction: 0.05,
      },
      firing: false,
      longBurnRate: 4.8,
      shortBurnRate: 3.5,
    },
    {
      policy: {
        name: 'ticket-3d',
        severity: 'ticket',
        burnRate: 1,
        longWindow: '3d',
        shortWindow: '6h',
        budgetFraction: 0.1,
      },
      firing: false,
      shortBurnRate: 4.8,
    },
  ],
  explanation: {
    queries,
    formulas: [
      'window = rolling 30d: 2024-04-01T00:00:00.000Z to 2024-05-01T00:00:00.000Z (period 2592000 s)',
      'good = total − bad = 17278032 − 10021 = 17268011',
      'SLI = good / total = 17268011 / 17278032 = 0.99942',
      'budget remaining = 1 − (1 − SLI) / (1 − objective) = 1 − (1 − 0.99942) / (1 − 0.999) = 0.42',
      'budget consumed = 1 − remaining = 0.58',
      'allowed bad = (1 − objective) × total = (1 − 0.999) × 17278032 = 17278.032',
      "bad = 10021, as the SLI's bad-events query counted it",
      'burn rate 5m = (bad / total) / (1 − objective) = (48 / 3000) / (1 − 0.999) = 16',
      'burn rate 30m = (bad / total) / (1 − objective) = (63 / 18000) / (1 − 0.999) = 3.5',
      'burn rate 1h = (bad / total) / (1 − objective) = (547 / 36000) / (1 − 0.999) = 15.2',
      'burn rate 6h = (bad / total) / (1 − objective) = (1037 / 216000) / (1 − 0.999) = 4.8',
      'burn rate 3d: unknown (no counts)',
      'page-1h threshold = budget fraction × period / long window = 0.02 × 2592000 s / 1h = 14.4',
      'page-1h fires: burn rate 1h 15.2 > 14.4, burn rate 5m 16 > 14.4',
      'page-6h threshold = budget fraction × period / long window = 0.05 × 2592000 s / 6h = 6',
      'page-6h is quiet: burn rate 6h 4.8 ≤ 6, burn rate 30m 3.5 ≤ 6',
      'ticket-3d threshold = budget fraction × period / long window = 0.1 × 2592000 s / 3d = 1',
      'ticket-3d is quiet: burn rate 3d unknown, burn rate 6h 4.8 > 1',
      'time to exhaustion = remaining × period / burn rate 1h = 0.42 × 2592000 / 15.2 = 71621.05263 s',
      'status = at-risk',
    ],
  },
};

export const noDataEvaluation: SloEvaluation = {
  sloId: slo.id,
  sloVersion: 3,
  entityRef: slo.entityRef,
  at: '2024-05-01T00:00:00.000Z',
  evaluatedAt: '2024-05-01T00:00:04.000Z',
  status: 'no-data',
  noDataReason: 'source-error',
  reason: 'prometheus answered 503 Service Unavailable',
  window: {
    start: '2024-04-01T00:00:00.000Z',
    end: '2024-05-01T00:00:00.000Z',
  },
  objective: 0.999,
  burnRates: [],
  alerts: [],
  explanation: {
    queries,
    formulas: [
      'window = rolling 30d: 2024-04-01T00:00:00.000Z to 2024-05-01T00:00:00.000Z (period 2592000 s)',
      'no data (source-error): prometheus answered 503 Service Unavailable',
    ],
  },
};

export const history: SloHistory = {
  sloId: slo.id,
  from: '2024-04-01T00:00:00.000Z',
  to: '2024-05-01T00:00:00.000Z',
  points: [
    {
      at: '2024-04-01T00:05:00.000Z',
      status: 'healthy',
      sli: 0.99995,
      budgetRemaining: 0.95,
      burnRate1h: 0.4,
    },
    {
      at: '2024-04-15T00:00:00.000Z',
      status: 'healthy',
      sli: 0.9997,
      budgetRemaining: 0.7,
      burnRate1h: 1.1,
    },
    {
      at: '2024-04-20T00:00:00.000Z',
      status: 'no-data',
    },
    {
      at: '2024-05-01T00:00:00.000Z',
      status: 'at-risk',
      sli: 0.99942,
      budgetRemaining: 0.42,
      burnRate1h: 15.2,
    },
  ],
};
