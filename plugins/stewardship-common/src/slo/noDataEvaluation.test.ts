import { noDataEvaluation } from './noDataEvaluation';
import { SloDefinition } from './types';

const slo: SloDefinition = {
  id: 'slo-7',
  version: 2,
  entityRef: 'component:default/search',
  name: 'latency',
  sli: {
    type: 'latency',
    thresholdSeconds: 0.3,
    good: 'http_request_duration_seconds_bucket{job="search",le="0.3"}',
    total: 'http_request_duration_seconds_count{job="search"}',
  },
  objective: 0.99,
  timeWindow: { type: 'calendar', unit: 'quarter', timeZone: 'Europe/Berlin' },
  budgetingMethod: 'occurrences',
  metricSource: 'thanos',
  alertPolicies: [],
  labels: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('noDataEvaluation', () => {
  it('keeps the window and the reason, and claims no numbers', () => {
    expect(
      noDataEvaluation({
        slo,
        at: new Date('2026-02-15T00:00:00Z'),
        evaluatedAt: new Date('2026-02-15T00:00:03Z'),
        reason: 'unknown-source',
        message: 'metric source "thanos" is not configured',
        queries: [],
      }),
    ).toEqual({
      sloId: 'slo-7',
      sloVersion: 2,
      entityRef: 'component:default/search',
      at: '2026-02-15T00:00:00.000Z',
      evaluatedAt: '2026-02-15T00:00:03.000Z',
      status: 'no-data',
      noDataReason: 'unknown-source',
      reason: 'metric source "thanos" is not configured',
      // Q1 starts at midnight on 1 January in Berlin (UTC+1).
      window: {
        start: '2025-12-31T23:00:00.000Z',
        end: '2026-02-15T00:00:00.000Z',
      },
      objective: 0.99,
      burnRates: [],
      alerts: [],
      explanation: {
        queries: [],
        formulas: [
          expect.stringMatching(
            /^window = calendar quarter in Europe\/Berlin: /,
          ),
          'no data (unknown-source): metric source "thanos" is not configured',
        ],
      },
    });
  });

  it('shows the counts behind the verdict when given', () => {
    const evaluation = noDataEvaluation({
      slo,
      at: new Date('2026-02-15T00:00:00Z'),
      evaluatedAt: new Date('2026-02-15T00:00:03Z'),
      reason: 'too-few-events',
      message: '3 events in the SLO window, fewer than the 10 needed to judge',
      queries: ['q'],
      counts: { good: 2, total: 3 },
    });
    expect(evaluation.counts).toEqual({ good: 2, total: 3 });
    expect(evaluation.explanation.formulas).toContain(
      'counts: good = 2, total = 3',
    );
  });

  it('states the counts of a bad/total SLI as its queries counted them', () => {
    const evaluation = noDataEvaluation({
      slo: {
        ...slo,
        sli: {
          type: 'ratio',
          bad: 'http_requests_total{job="search",code=~"5.."}',
          total: 'http_requests_total{job="search"}',
        },
      },
      at: new Date('2026-02-15T00:00:00Z'),
      evaluatedAt: new Date('2026-02-15T00:00:03Z'),
      reason: 'too-few-events',
      message: '3 events in the SLO window, fewer than the 10 needed to judge',
      queries: ['q'],
      // Counts are kept as good and total: 1 bad of 3 events.
      counts: { good: 2, total: 3 },
    });
    expect(evaluation.explanation.formulas).toContain(
      'counts: bad = 1, total = 3; good = total − bad = 2',
    );
  });
});
