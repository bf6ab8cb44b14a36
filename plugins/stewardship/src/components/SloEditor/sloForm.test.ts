import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import {
  fieldKeys,
  parseLabels,
  toFormState,
  toFraction,
  toPercentText,
  toSpec,
  validateForm,
} from './sloForm';

const base: SloDefinition = {
  id: '6f1c2b9e-1d2a-4c55-9f0e-0a6a4d1e2f11',
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  entityRef: 'component:default/checkout',
  name: 'p99',
  sli: {
    type: 'latency',
    thresholdSeconds: 0.3,
    good: 'h_bucket{le="0.3"}',
    total: 'h_count',
  },
  objective: 0.9995,
  timeWindow: { type: 'calendar', unit: 'quarter', timeZone: 'Europe/Berlin' },
  budgetingMethod: 'timeslices',
  timeslice: { duration: '5m', target: 0.95 },
  metricSource: 'prom',
  alertPolicies: [
    { severity: 'page', budgetPercent: 25, within: '24h' },
    { severity: 'ticket', budgetPercent: 50, within: '7d' },
  ],
  labels: { tier: 'critical' },
  minEvents: 10,
};

describe('sloForm', () => {
  it('converts percentages and fractions without float noise', () => {
    expect(toFraction('99.9')).toBe(0.999);
    expect(toFraction('99.95')).toBe(0.9995);
    expect(toFraction('12.3456')).toBe(0.123456);
    expect(toPercentText(0.999)).toBe('99.9');
    expect(toPercentText(0.9995)).toBe('99.95');
    expect(toPercentText(0.07)).toBe('7');
  });

  it('gives back the SLO it was filled from: latency, calendar, time slices, budget policies', () => {
    const state = toFormState(base);
    expect(validateForm(state)).toEqual({});
    const { id, version, createdAt, updatedAt, ...spec } = base;
    expect(toSpec(state, 'component:default/other', base)).toEqual(spec);
  });

  it('keeps a business-hours schedule and its corrections out of the spec it sends', () => {
    const withSchedule: SloDefinition = {
      ...base,
      schedule: {
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        from: '09:00',
        to: '17:00',
        timeZone: 'Europe/Berlin',
      },
      corrections: [
        {
          id: 'c',
          reason: 'x',
          author: 'user:default/jane',
          createdAt: '2026-01-01T00:00:00.000Z',
          once: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T01:00:00Z' },
        },
      ],
    };
    const state = toFormState(withSchedule);
    expect(state.businessHours).toBe(true);
    const { id, version, createdAt, updatedAt, corrections, ...spec } =
      withSchedule;
    // Corrections have their own routes: a PUT must not carry them.
    expect(toSpec(state, 'component:default/checkout', withSchedule)).toEqual(
      spec,
    );
    // Ticked out of order, written in week order; unticked, no schedule at all.
    expect(
      toSpec(
        { ...state, scheduleDays: ['sun', 'mon'] },
        'component:default/checkout',
        withSchedule,
      ).schedule!.days,
    ).toEqual(['mon', 'sun']);
    expect(
      toSpec(
        { ...state, businessHours: false },
        'component:default/checkout',
        withSchedule,
      ).schedule,
    ).toBeUndefined();
    expect(
      validateForm({
        ...state,
        scheduleDays: [],
        scheduleFrom: '9am',
        scheduleTo: '25:00',
        scheduleTimeZone: ' ',
      }),
    ).toEqual({
      'schedule.days': 'Pick at least one day',
      'schedule.from': 'A time of day such as 09:00',
      'schedule.to': 'A time of day such as 17:00 (24:00 is midnight)',
      'schedule.timeZone': 'Required, e.g. Europe/Berlin',
    });
  });

  it('keeps burn-rate policies as written and writes a bad ÷ total ratio', () => {
    const custom = {
      severity: 'page' as const,
      burnRate: 14.4,
      longWindow: '1h',
      shortWindow: '5m',
    };
    const slo: SloDefinition = {
      ...base,
      sli: { type: 'ratio', bad: 'errors_total', total: 'all_total' },
      timeWindow: { type: 'rolling', duration: '28d' },
      budgetingMethod: 'occurrences',
      timeslice: undefined,
      alertPolicies: [custom],
    };
    const state = toFormState(slo);
    expect(state.alertMode).toBe('custom');
    const spec = toSpec(state, 'x');
    expect(spec.alertPolicies).toEqual([custom]);
    expect(spec.sli).toEqual({
      type: 'ratio',
      bad: 'errors_total',
      total: 'all_total',
    });
    expect(spec.timeslice).toBeUndefined();
    expect(fieldKeys(state)).toContain('sli.bad');
    expect(fieldKeys(state)).not.toContain('sli.good');
  });

  it('edits labels as key: value lines', () => {
    const state = toFormState({
      ...base,
      labels: { tier: 'critical', 'team.io/owner': 'payments' },
    });
    expect(state.labels).toBe('tier: critical\nteam.io/owner: payments');
    // Split at the first colon, both sides trimmed, blank lines skipped.
    const edited = {
      ...state,
      labels: ' tier : high \n\n  runbook: https://wiki.example.com:8443/x\n',
    };
    expect(validateForm(edited)).toEqual({});
    expect(toSpec(edited, base.entityRef, base).labels).toEqual({
      tier: 'high',
      runbook: 'https://wiki.example.com:8443/x',
    });
    expect(toSpec({ ...state, labels: '' }, base.entityRef).labels).toEqual({});
    // A key holding a colon reads back as shown; so does a value without a space after the colon.
    const colons = toFormState({ ...base, labels: { 'a:b': 'c', x: 'y:z' } });
    expect(colons.labels).toBe('a:b: c\nx: y:z');
    expect(toSpec(colons, base.entityRef).labels).toEqual({
      'a:b': 'c',
      x: 'y:z',
    });
    expect(parseLabels('tier:critical')).toEqual({
      labels: { tier: 'critical' },
    });
    // A key that is also an Object.prototype name is a plain key.
    const proto = parseLabels('__proto__: x\nconstructor: y');
    expect(proto).toEqual({ labels: { ['__proto__']: 'x', constructor: 'y' } });
    expect(Object.keys('labels' in proto ? proto.labels : {})).toEqual([
      '__proto__',
      'constructor',
    ]);
  });

  it('names the line of a label it cannot read', () => {
    const errorOf = (labels: string) =>
      validateForm({ ...toFormState(base), labels }).labels;
    expect(errorOf('tier critical')).toBe(
      'Line 1: write it as key: value, e.g. tier: critical',
    );
    expect(errorOf('tier: a\n: b')).toBe(
      'Line 2: write it as key: value, e.g. tier: critical',
    );
    expect(errorOf('tier: a\n\ntier: b')).toBe(
      'Line 3: "tier" is already set above',
    );
    expect(errorOf(`${'k'.repeat(101)}: v`)).toBe(
      'Line 1: the key is longer than 100 characters',
    );
    expect(errorOf(`k: ${'v'.repeat(201)}`)).toBe(
      'Line 1: the value is longer than 200 characters',
    );
    const lines = (n: number) =>
      Array.from({ length: n }, (_, i) => `k${i}: v`).join('\n');
    expect(errorOf(lines(50))).toBeUndefined();
    expect(errorOf(lines(51))).toBe('At most 50 labels');
    expect(fieldKeys(toFormState(base))).toContain('labels');
  });

  it('checks what each choice needs', () => {
    const state = {
      ...toFormState(),
      name: 'Bad Name',
      sliKind: 'latency' as const,
      goodQuery: 'b',
      totalQuery: 'c',
      thresholdSeconds: '0',
      objectivePercent: '99',
      windowType: 'calendar' as const,
      timeZone: ' ',
      budgetingMethod: 'timeslices' as const,
      sliceDuration: '5 minutes',
      sliceTargetPercent: '101',
      metricSource: 'prom',
      alertMode: 'budget' as const,
      budgetPolicies: [
        { severity: 'page' as const, budgetPercent: '0', within: '1 day' },
      ],
    };
    expect(validateForm(state)).toEqual({
      name: 'Lower-case letters, digits and - _ . only, starting and ending with a letter or digit',
      'sli.thresholdSeconds': 'A number of seconds greater than 0',
      'timeWindow.timeZone': 'Required, e.g. Europe/Berlin',
      'timeslice.duration': 'A duration such as 5m',
      'timeslice.target': 'A percentage greater than 0, at most 100',
      'alertPolicies.0':
        'budget: a percentage greater than 0, at most 100; within: a duration such as 24h',
    });
  });

  it('names a number written with a decimal comma with the point, and reads none of them', () => {
    const state = {
      ...toFormState(),
      name: 'latency',
      sliKind: 'latency' as const,
      goodQuery: 'b',
      totalQuery: 'c',
      thresholdSeconds: ',3',
      objectivePercent: ' 99,95 ',
      budgetingMethod: 'timeslices' as const,
      sliceTargetPercent: '95,5',
      metricSource: 'prom',
      alertMode: 'budget' as const,
      budgetPolicies: [
        { severity: 'page' as const, budgetPercent: '2,5', within: '1h' },
        // A comma that is not a decimal comma (a thousands separator, a list) is not "fixed".
        { severity: 'ticket' as const, budgetPercent: '1,000.5', within: '3d' },
      ],
    };
    expect(validateForm(state)).toEqual({
      'sli.thresholdSeconds': 'Write the decimal with a point: 0.3',
      objective: 'Write the decimal with a point: 99.95',
      'timeslice.target': 'Write the decimal with a point: 95.5',
      'alertPolicies.0': 'budget: write the decimal with a point: 2.5',
      'alertPolicies.1': 'budget: a percentage greater than 0, at most 100',
    });
  });
});
