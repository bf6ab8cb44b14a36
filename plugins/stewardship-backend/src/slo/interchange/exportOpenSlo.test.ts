import { SloSpec } from '@stewardship/backstage-plugin-stewardship-common';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { parseSloSpec } from '../sloSpecSchema';
import { exportOpenSlo } from './exportOpenSlo';
import { importSloDocuments } from './importSloDocuments';

// A default metric source that no exported document relies on.
const options = { defaultMetricSource: 'unused-default' };

function importAll(text: string): SloSpec[] {
  const result = importSloDocuments(text, options);
  if ('problems' in result) {
    throw new Error(
      `Import failed: ${JSON.stringify(result.problems, null, 2)}`,
    );
  }
  return result.slos;
}

function fixture(name: string): SloSpec[] {
  return importAll(readFileSync(join(__dirname, '__fixtures__', name), 'utf8'));
}

function spec(changes: Partial<SloSpec>): SloSpec {
  const result = parseSloSpec({
    entityRef: 'component:shop/checkout',
    name: 'availability',
    sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
    objective: 0.999,
    timeWindow: { type: 'rolling', duration: '30d' },
    metricSource: 'prometheus',
    ...changes,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.spec;
}

const roundTrip = (slo: SloSpec) => importAll(exportOpenSlo(slo))[0];

describe('exportOpenSlo', () => {
  it.each([
    [
      'ratio good/total with a referenced SLI, alert policy and condition',
      () => fixture('openslo-referenced.yaml')[0],
    ],
    [
      'ratio bad/total with an inline burn-rate policy',
      () => fixture('openslo-inline.yaml')[0],
    ],
    [
      'latency on a calendar quarter in a time zone, with timeslices',
      () => fixture('openslo-inline.yaml')[1],
    ],
    ['Sloth with the preset', () => fixture('sloth.yaml')[0]],
    // OpenSLO writes latency as a ratio; the indicator's annotations keep what it was.
    [
      'latency whose good events are not a histogram bucket',
      () =>
        spec({
          sli: {
            type: 'latency',
            thresholdSeconds: 0.25,
            good: 'fast_requests_total',
            total: 'requests_total',
          },
        }),
    ],
    [
      'latency whose bucket bound is written otherwise than its threshold',
      () =>
        spec({
          sli: {
            type: 'latency',
            thresholdSeconds: 0.3,
            good: 'lat_bucket{le="0.30"}',
            total: 'lat_count',
          },
        }),
    ],
    [
      'a ratio whose good events are a histogram bucket',
      () =>
        spec({
          sli: {
            type: 'ratio',
            good: 'lat_bucket{le="0.3"}',
            total: 'lat_count',
          },
        }),
    ],
    [
      'Sloth with page alerts only (budget terms)',
      () => fixture('sloth.yaml')[1],
    ],
    [
      'budget terms with a written short window, a calendar month, minEvents and business hours',
      () =>
        spec({
          timeWindow: {
            type: 'calendar',
            unit: 'month',
            timeZone: 'America/New_York',
          },
          alertPolicies: [
            {
              severity: 'page',
              budgetPercent: 2,
              within: '1h',
              shortWindow: '5m',
            },
            {
              name: 'slow',
              severity: 'ticket',
              budgetPercent: 10,
              within: '3d',
            },
            {
              severity: 'page',
              burnRate: 3,
              longWindow: '2h',
              shortWindow: '1m',
            },
          ],
          minEvents: 50,
          schedule: {
            days: ['mon', 'tue', 'wed', 'thu', 'fri'],
            from: '09:00',
            to: '17:00',
            timeZone: 'Europe/Berlin',
          },
          description: 'Checkout: "quoted", and long.',
          labels: { 'team.io/tier': 'gold' },
        }),
    ],
    // OpenSLO names are unique, ours need not be: the export writes a repeated name with a
    // suffix and the policy's own name in stewardship.io/policy-name.
    [
      'two policies of one name at the longest name',
      () =>
        spec({
          name: 'a'.repeat(100),
          alertPolicies: [
            {
              name: 'x'.repeat(100),
              severity: 'page',
              burnRate: 10,
              longWindow: '1h',
              shortWindow: '5m',
            },
            {
              name: 'x'.repeat(100),
              severity: 'ticket',
              burnRate: 2,
              longWindow: '6h',
              shortWindow: '30m',
            },
          ],
        }),
    ],
    [
      'a policy named as a preset member, before the preset',
      () =>
        spec({
          alertPolicies: [
            {
              name: 'page-fast-burn',
              severity: 'page',
              burnRate: 3,
              longWindow: '2h',
              shortWindow: '10m',
            },
            { preset: 'sre-workbook' },
          ],
        }),
    ],
    [
      'an unnamed policy whose made-up name a named one has',
      () =>
        spec({
          alertPolicies: [
            {
              severity: 'page',
              burnRate: 10,
              longWindow: '1h',
              shortWindow: '5m',
            },
            {
              name: 'page-1h',
              severity: 'page',
              burnRate: 5,
              longWindow: '1h',
              shortWindow: '5m',
            },
          ],
        }),
    ],
  ])('import → export → import gives the same spec: %s', (_what, original) => {
    const first = original();
    expect(roundTrip(first)).toEqual(first);
  });

  // The export writes YAML 1.1 (for OpenSLO tools) and the import reads YAML 1.2 core: a string
  // either would read as a number, boolean, null or date must come back as the same string.
  const TRICKY = [
    '0o17',
    '0x1F',
    '0x1f',
    '1e3',
    'yes',
    'no',
    'on',
    '~',
    'null',
    '.inf',
    '2026-01-01',
  ];

  it.each(TRICKY)(
    'round-trips the string %j as a label and description',
    text => {
      const slo = spec({
        description: text,
        labels: { tier: text, [`k-${text}`]: 'v' },
      });
      expect(roundTrip(slo)).toEqual(slo);
    },
  );

  it.each(TRICKY.filter(text => /^[a-z0-9][a-z0-9._-]*[a-z0-9]$/.test(text)))(
    'round-trips the name %j',
    text => {
      const slo = spec({ name: text });
      expect(roundTrip(slo)).toEqual(slo);
    },
  );

  it('writes an SLO document with the entity, metric source and burn-rate conditions', () => {
    const document = parse(
      exportOpenSlo(
        {
          ...spec({ alertPolicies: [{ preset: 'sre-workbook' }] }),
          id: 'x',
          version: 2,
          createdAt: '',
          updatedAt: '',
        },
        { metricSourceType: 'Prometheus' },
      ),
    );
    expect(document).toMatchObject({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: {
        name: 'availability',
        annotations: { 'stewardship.io/entity-ref': 'component:shop/checkout' },
      },
      spec: {
        service: 'checkout',
        indicator: {
          spec: {
            ratioMetric: {
              good: {
                metricSource: {
                  metricSourceRef: 'prometheus',
                  type: 'Prometheus',
                  spec: { query: 'ok_total' },
                },
              },
            },
          },
        },
        timeWindow: [{ duration: '30d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: 0.999 }],
      },
    });
    // The SRE Workbook thresholds for 30 days: 2 % in 1 h, 5 % in 6 h, 10 % in 3 d.
    expect(
      document.spec.alertPolicies.map((p: any) => [
        p.metadata.name,
        p.spec.conditions[0].spec.severity,
        p.spec.conditions[0].spec.condition.threshold,
        p.spec.conditions[0].spec.condition.lookbackWindow,
      ]),
    ).toEqual([
      ['page-fast-burn', 'page', 14.4, '1h'],
      ['page-slow-burn', 'page', 6, '6h'],
      ['ticket-slow-burn', 'ticket', 1, '3d'],
    ]);
  });

  it('counts a calendar quarter as 91 days for thresholds', () => {
    const document = parse(
      exportOpenSlo(
        spec({
          timeWindow: { type: 'calendar', unit: 'quarter', timeZone: 'UTC' },
          alertPolicies: [{ severity: 'page', budgetPercent: 2, within: '1h' }],
        }),
      ),
    );
    expect(
      document.spec.alertPolicies[0].spec.conditions[0].spec.condition
        .threshold,
    ).toBe(43.68);
  });

  it('names unnamed policies after what they are about, uniquely', () => {
    const document = parse(
      exportOpenSlo(
        spec({
          alertPolicies: [
            {
              severity: 'page',
              burnRate: 10,
              longWindow: '1h',
              shortWindow: '5m',
            },
            {
              severity: 'page',
              burnRate: 20,
              longWindow: '1h',
              shortWindow: '5m',
            },
          ],
        }),
      ),
    );
    expect(
      document.spec.alertPolicies.map((p: any) => p.metadata.name),
    ).toEqual(['page-1h', 'page-1h-2']);
  });

  it('writes a repeated policy name uniquely, within the longest name, keeping its own', () => {
    const name = 'x'.repeat(100);
    const policy = {
      name,
      severity: 'page' as const,
      burnRate: 10,
      longWindow: '1h',
      shortWindow: '5m',
    };
    const document = parse(
      exportOpenSlo(spec({ alertPolicies: [policy, { ...policy }] })),
    );
    expect(document.spec.alertPolicies.map((p: any) => p.metadata)).toEqual([
      { name },
      {
        name: `${'x'.repeat(98)}-2`,
        annotations: { 'stewardship.io/policy-name': name },
      },
    ]);
  });

  it('imports an edited threshold as burn-rate terms rather than the annotated budget', () => {
    const text = exportOpenSlo(
      spec({
        alertPolicies: [
          { name: 'fast', severity: 'page', budgetPercent: 2, within: '1h' },
        ],
      }),
    );
    expect(
      importAll(text.replace('threshold: 14.4', 'threshold: 20'))[0]
        .alertPolicies,
    ).toEqual([
      {
        name: 'fast',
        severity: 'page',
        burnRate: 20,
        longWindow: '1h',
        shortWindow: '5m',
      },
    ]);
  });

  it('imports an edited preset as its three burn-rate policies', () => {
    const text = exportOpenSlo(
      spec({ alertPolicies: [{ preset: 'sre-workbook' }] }),
    );
    expect(
      importAll(text.replace('threshold: 6', 'threshold: 7'))[0].alertPolicies,
    ).toEqual([
      {
        name: 'page-fast-burn',
        severity: 'page',
        burnRate: 14.4,
        longWindow: '1h',
        shortWindow: '5m',
      },
      {
        name: 'page-slow-burn',
        severity: 'page',
        burnRate: 7,
        longWindow: '6h',
        shortWindow: '30m',
      },
      {
        name: 'ticket-slow-burn',
        severity: 'ticket',
        burnRate: 1,
        longWindow: '3d',
        shortWindow: '6h',
      },
    ]);
  });

  it('keeps SLOs without alert policies without them (the engine applies the preset)', () => {
    const document = parse(exportOpenSlo(spec({})));
    expect(document.spec).not.toHaveProperty('alertPolicies');
    expect(roundTrip(spec({})).alertPolicies).toEqual([]);
  });

  it('writes the normalised entity ref of a spec handed in short and mixed-case', () => {
    const raw = { ...spec({}), entityRef: 'Shop/CheckOut' };
    const document = parse(exportOpenSlo(raw));
    expect(document.metadata.annotations['stewardship.io/entity-ref']).toBe(
      'component:shop/checkout',
    );
    expect(document.spec.service).toBe('checkout');
    expect(roundTrip(raw).entityRef).toBe('component:shop/checkout');
  });
});
