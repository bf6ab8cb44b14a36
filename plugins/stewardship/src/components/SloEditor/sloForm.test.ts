import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { toFraction, toPercentText } from './percentText';
import {
  BudgetPolicyRow,
  fieldKeys,
  toFormState,
  toSpec,
  validateForm,
} from './sloForm';
import { parseLabels } from './sloLabels';

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

  it('keeps every digit a fraction has, both ways', () => {
    // Twelve significant digits made these 100 and 1.
    expect(toPercentText(0.9999999999999)).toBe('99.99999999999');
    expect(toFraction('99.99999999999')).toBe(0.9999999999999);
    expect(toPercentText(1e-7)).toBe('0.00001');
    expect(toFraction('0.00001')).toBe(1e-7);
    expect(toFraction(' 99.9 ')).toBe(0.999);
    expect(toFraction('9.99e1')).toBe(0.999);
  });

  it("keeps each budget policy's name and short window, untouched or edited", () => {
    const named: SloDefinition = {
      ...base,
      alertPolicies: [
        {
          name: 'fast-page',
          severity: 'page',
          budgetPercent: 2,
          within: '1h',
          shortWindow: '2m',
        },
        { severity: 'ticket', budgetPercent: 10, within: '3d' },
      ],
    };
    const state = toFormState(named);
    expect(state.budgetPolicies[0]).toEqual({
      severity: 'page',
      budgetPercent: '2',
      within: '1h',
      shortWindow: '2m',
      name: 'fast-page',
    });
    const described = { ...state, description: 'Only this changed' };
    expect(toSpec(described, base.entityRef, named).alertPolicies).toEqual(
      named.alertPolicies,
    );
    // A row edited keeps what it holds; what a row leaves empty is not sent.
    const edited = {
      ...state,
      budgetPolicies: [
        { ...state.budgetPolicies[0], budgetPercent: '3' },
        { ...state.budgetPolicies[1], shortWindow: ' 4h ', name: ' ' },
      ],
    };
    expect(toSpec(edited, base.entityRef, named).alertPolicies).toEqual([
      {
        name: 'fast-page',
        severity: 'page',
        budgetPercent: 3,
        within: '1h',
        shortWindow: '2m',
      },
      {
        severity: 'ticket',
        budgetPercent: 10,
        within: '3d',
        shortWindow: '4h',
      },
    ]);
  });

  it('holds the preset beside budget policies as the preset plus rows', () => {
    const mixed: SloDefinition = {
      ...base,
      alertPolicies: [
        { preset: 'sre-workbook' },
        { severity: 'page', budgetPercent: 25, within: '24h' },
      ],
    };
    const state = toFormState(mixed);
    expect(state.alertMode).toBe('budget');
    expect(state.presetToo).toBe(true);
    expect(state.budgetPolicies).toEqual([
      {
        severity: 'page',
        budgetPercent: '25',
        within: '24h',
        shortWindow: '',
        name: '',
      },
    ]);
    // Untouched: sent as stored, the preset first.
    expect(toSpec(state, base.entityRef, mixed).alertPolicies).toEqual(
      mixed.alertPolicies,
    );
    // Edited: the rows, then the preset (so a server's alertPolicies[0] is row 1).
    const edited = {
      ...state,
      budgetPolicies: [{ ...state.budgetPolicies[0], within: '12h' }],
    };
    expect(toSpec(edited, base.entityRef, mixed).alertPolicies).toEqual([
      { severity: 'page', budgetPercent: 25, within: '12h' },
      { preset: 'sre-workbook' },
    ]);
    expect(
      toSpec({ ...edited, presetToo: false }, base.entityRef, mixed)
        .alertPolicies,
    ).toEqual([{ severity: 'page', budgetPercent: 25, within: '12h' }]);
    // Burn-rate terms among them: kept as written, the budget rows ready if the user switches.
    const withBurnRate = toFormState({
      ...mixed,
      alertPolicies: [
        ...mixed.alertPolicies,
        {
          severity: 'ticket',
          burnRate: 1.5,
          longWindow: '1d',
          shortWindow: '2h',
        },
      ],
    });
    expect(withBurnRate.alertMode).toBe('custom');
    expect(withBurnRate.presetToo).toBe(true);
    expect(withBurnRate.budgetPolicies.map(row => row.budgetPercent)).toEqual([
      '25',
    ]);
  });

  it("checks a row's short window and name", () => {
    const policyProblem = (row: Partial<BudgetPolicyRow>) =>
      validateForm({
        ...toFormState(base),
        budgetPolicies: [
          {
            severity: 'page',
            budgetPercent: '2',
            within: '1h',
            shortWindow: '',
            name: '',
            ...row,
          },
        ],
      })['alertPolicies.0'];
    expect(policyProblem({ shortWindow: '5m', name: 'fast' })).toBeUndefined();
    expect(policyProblem({ shortWindow: '1h' })).toBe(
      'short window: must be shorter than 1h',
    );
    expect(policyProblem({ shortWindow: 'soon' })).toBe(
      'short window: a duration such as 5m, or empty',
    );
    expect(policyProblem({ name: 'n'.repeat(101) })).toBe(
      'name: at most 100 characters',
    );
  });

  it('keeps the labels no line can hold as stored, and sends them with the edited ones', () => {
    const odd: SloDefinition = {
      ...base,
      labels: { 'team: payments': 'x', tier: 'critical', padded: ' padded ' },
    };
    const state = toFormState(odd);
    expect(state.labels).toBe('tier: critical');
    expect(state.keptLabels).toEqual({
      'team: payments': 'x',
      padded: ' padded ',
    });
    expect(toSpec(state, base.entityRef, odd).labels).toEqual(odd.labels);
    expect(
      toSpec({ ...state, labels: 'tier: high\nowner: me' }, base.entityRef, odd)
        .labels,
    ).toEqual({
      'team: payments': 'x',
      padded: ' padded ',
      tier: 'high',
      owner: 'me',
    });
    // A line setting a kept key replaces it.
    expect(
      toSpec({ ...state, labels: 'padded: y' }, base.entityRef, odd).labels,
    ).toEqual({ 'team: payments': 'x', padded: 'y' });
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
    // A zone no tz database names, the browser's own ("local") included: the backend refuses it.
    for (const timeZone of ['Europe/Berln', 'local', 'UTC+5']) {
      expect(
        validateForm({
          ...state,
          windowType: 'calendar',
          timeZone,
          scheduleTimeZone: timeZone,
        }),
      ).toEqual({
        'timeWindow.timeZone': 'Not an IANA time zone, e.g. Europe/Berlin',
        'schedule.timeZone': 'Not an IANA time zone, e.g. Europe/Berlin',
      });
    }
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
        {
          severity: 'page' as const,
          budgetPercent: '0',
          within: '1 day',
          shortWindow: '',
          name: '',
        },
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
        {
          severity: 'page' as const,
          budgetPercent: '2,5',
          within: '1h',
          shortWindow: '',
          name: '',
        },
        // A comma that is not a decimal comma (a thousands separator, a list) is not "fixed".
        {
          severity: 'ticket' as const,
          budgetPercent: '1,000.5',
          within: '3d',
          shortWindow: '',
          name: '',
        },
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
