/*
 * A window with no events because none of it is counted (corrections, a business-hours schedule)
 * is `excluded`, not a quiet service (`no-traffic`): the release gate and the SLOs tab say why.
 * Windows are written out by hand: 30 d rolling ending Tuesday 2026-03-31 00:00Z, or 1 d.
 */
import { evaluateSlo } from './evaluateSlo';
import { SloCorrection, SloDefinition, WeeklySchedule } from './types';

const slo: SloDefinition = {
  id: 'slo-1',
  version: 3,
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: { type: 'ratio', good: 'good_total', total: 'all_total' },
  objective: 0.995,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prometheus',
  alertPolicies: [],
  labels: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const once = (start: string, end: string): SloCorrection => ({
  id: `${start}-${end}`,
  author: 'user:default/jane',
  createdAt: '2026-01-01T00:00:00.000Z',
  reason: 'maintenance',
  once: { start, end },
});

const weekdays: WeeklySchedule = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '09:00',
  to: '17:00',
  timeZone: 'UTC',
};

function evaluate(
  overrides: Partial<SloDefinition>,
  at = '2026-03-31T00:00:00Z',
) {
  return evaluateSlo({
    slo: { ...slo, ...overrides },
    at: new Date(at),
    evaluatedAt: new Date(at),
    windowCounts: { good: 0, total: 0 },
    burnCounts: {},
    queries: [],
  });
}

const resumes =
  'so there is nothing to judge until counted time enters it (when a correction ends, or is deleted)';

describe('evaluateSlo with none of the window counted', () => {
  it('says corrections exclude the whole window, not that there was no traffic', () => {
    // The window (1 Mar 00:00, 31 Mar 00:00] lies inside (20 Feb, 5 Apr].
    const evaluation = evaluate({
      corrections: [once('2026-02-20T00:00:00Z', '2026-04-05T00:00:00Z')],
    });
    expect(evaluation).toMatchObject({
      status: 'no-data',
      noDataReason: 'excluded',
      reason: `corrections exclude the whole SLO window, ${resumes}`,
      counts: { good: 0, total: 0 },
    });
    expect(evaluation.errorBudget).toBeUndefined();
  });

  it('says so when several corrections cover the window between them', () => {
    const evaluation = evaluate({
      corrections: [
        once('2026-02-20T00:00:00Z', '2026-03-15T00:00:00Z'),
        once('2026-03-15T00:00:00Z', '2026-04-05T00:00:00Z'),
      ],
    });
    expect(evaluation.noDataReason).toBe('excluded');
  });

  it('still says no traffic when an hour of the window is counted', () => {
    // (1 Mar 00:00, 1 Mar 01:00] is left counted.
    const evaluation = evaluate({
      corrections: [once('2026-03-01T01:00:00Z', '2026-04-05T00:00:00Z')],
    });
    expect(evaluation).toMatchObject({
      noDataReason: 'no-traffic',
      reason: 'no events in the SLO window',
    });
  });

  it('says a window wholly outside the schedule lies outside it', () => {
    // 1 d ending Sunday 29 Mar 12:00Z: (Saturday 12:00, Sunday 12:00], no weekday hour.
    const evaluation = evaluate(
      {
        timeWindow: { type: 'rolling', duration: '1d' },
        schedule: weekdays,
      },
      '2026-03-29T12:00:00Z',
    );
    expect(evaluation).toMatchObject({
      noDataReason: 'excluded',
      reason:
        "the whole SLO window lies outside the SLO's schedule (mon, tue, wed, thu, fri 09:00–17:00 UTC), so there is nothing to judge until its next scheduled hours",
    });
  });

  it('says corrections exclude every scheduled hour when they do', () => {
    // 1 d ending Tuesday 00:00Z: Monday 09:00–17:00 is its only scheduled time, corrected away.
    const evaluation = evaluate({
      timeWindow: { type: 'rolling', duration: '1d' },
      schedule: weekdays,
      corrections: [once('2026-03-30T08:00:00Z', '2026-03-30T18:00:00Z')],
    });
    expect(evaluation).toMatchObject({
      noDataReason: 'excluded',
      reason: `corrections exclude every scheduled hour (mon, tue, wed, thu, fri 09:00–17:00 UTC) of the SLO window, ${resumes}`,
    });
  });

  it('says no traffic for a calendar month at its first instant, which has no time to exclude', () => {
    const evaluation = evaluate(
      {
        timeWindow: { type: 'calendar', unit: 'month', timeZone: 'UTC' },
        schedule: weekdays,
      },
      '2026-03-01T00:00:00Z',
    );
    expect(evaluation.noDataReason).toBe('no-traffic');
  });

  it('judges the counts it is given: excluded is only for a window that counted nothing', () => {
    const evaluation = evaluateSlo({
      slo: {
        ...slo,
        corrections: [once('2026-02-20T00:00:00Z', '2026-04-05T00:00:00Z')],
      },
      at: new Date('2026-03-31T00:00:00Z'),
      evaluatedAt: new Date('2026-03-31T00:00:00Z'),
      windowCounts: { good: 100, total: 100 },
      burnCounts: {},
      queries: [],
    });
    expect(evaluation.status).toBe('healthy');
  });
});
