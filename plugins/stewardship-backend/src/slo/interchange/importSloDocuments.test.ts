import { readFileSync } from 'fs';
import { join } from 'path';
import { importSloDocuments } from './importSloDocuments';

const options = { defaultMetricSource: 'prometheus' };

function fixture(name: string): string {
  return readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
}

describe('importSloDocuments', () => {
  it('resolves an SLO referring to its SLI, AlertPolicy and AlertCondition by name', () => {
    expect(
      importSloDocuments(fixture('openslo-referenced.yaml'), options),
    ).toEqual({
      slos: [
        {
          entityRef: 'component:default/checkout',
          name: 'checkout-availability',
          description: 'Checkout availability',
          sli: {
            type: 'ratio',
            good: 'http_requests_total{job="checkout",code!~"5.."}',
            total: 'http_requests_total{job="checkout"}',
          },
          objective: 0.995,
          timeWindow: { type: 'rolling', duration: '28d' },
          budgetingMethod: 'occurrences',
          metricSource: 'prometheus-eu',
          alertPolicies: [
            // "critical" pages; the short window is a twelfth of the lookback window.
            {
              name: 'checkout-fast-burn',
              severity: 'page',
              burnRate: 13.44,
              longWindow: '1h',
              shortWindow: '5m',
            },
          ],
          labels: { tier: 'critical', regions: 'eu-west-1,eu-central-1' },
        },
      ],
    });
  });

  it('reads inline indicators, promql, latency buckets, calendar quarters and timeslices', () => {
    expect(importSloDocuments(fixture('openslo-inline.yaml'), options)).toEqual(
      {
        slos: [
          {
            entityRef: 'component:payments/payments-api',
            name: 'payments-errors',
            description: 'Payments rarely fail.',
            sli: {
              type: 'ratio',
              bad: 'sum(increase(payments_total{result="error"}[{{.window}}]))',
              total: 'sum(increase(payments_total[{{.window}}]))',
            },
            objective: 0.99,
            timeWindow: { type: 'rolling', duration: '7d' },
            budgetingMethod: 'occurrences',
            metricSource: 'prometheus',
            alertPolicies: [
              {
                name: 'payments-slow-burn',
                severity: 'ticket',
                burnRate: 1,
                longWindow: '3d',
                shortWindow: '6h',
              },
            ],
            labels: {},
          },
          {
            entityRef: 'component:default/search',
            name: 'search-latency',
            sli: {
              type: 'latency',
              thresholdSeconds: 0.25,
              good: 'http_request_duration_seconds_bucket{job="search",le="0.25"}',
              total: 'http_request_duration_seconds_count{job="search"}',
            },
            objective: 0.99,
            timeWindow: {
              type: 'calendar',
              unit: 'quarter',
              timeZone: 'Europe/Berlin',
            },
            budgetingMethod: 'timeslices',
            timeslice: { duration: '5m', target: 0.95 },
            metricSource: 'thanos',
            alertPolicies: [],
            labels: {},
          },
        ],
      },
    );
  });

  it('turns each Sloth SLO into a 30-day SLO alerting like Sloth', () => {
    // Sloth's rate(…[{{.window}}]) (events per second) is read as increase (events in the window).
    const sli = {
      type: 'ratio',
      bad: 'sum(increase(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))',
      total:
        'sum(increase(http_request_duration_seconds_count{job="myservice"}[{{.window}}]))',
    };
    const common = {
      entityRef: 'component:default/myservice',
      timeWindow: { type: 'rolling', duration: '30d' },
      budgetingMethod: 'occurrences',
      metricSource: 'prometheus',
    };
    const labels = { owner: 'myteam', repo: 'myorg/myservice', tier: '2' };
    expect(importSloDocuments(fixture('sloth.yaml'), options)).toEqual({
      slos: [
        {
          ...common,
          name: 'requests-availability',
          description:
            'Common SLO based on availability for HTTP request responses.',
          sli,
          objective: 0.999,
          alertPolicies: [{ preset: 'sre-workbook' }],
          labels: { ...labels, category: 'availability' },
        },
        {
          ...common,
          name: 'requests-latency',
          sli: {
            type: 'ratio',
            bad: 'sum(increase(http_request_duration_seconds_count{job="myservice"}[{{.window}}])) - sum(increase(http_request_duration_seconds_bucket{job="myservice",le="0.5"}[{{.window}}]))',
            total: sli.total,
          },
          objective: 0.99,
          // The ticket alert is disabled: only the paging part of the preset.
          alertPolicies: [
            {
              name: 'page-fast-burn',
              severity: 'page',
              budgetPercent: 2,
              within: '1h',
            },
            {
              name: 'page-slow-burn',
              severity: 'page',
              budgetPercent: 5,
              within: '6h',
            },
          ],
          labels,
        },
      ],
    });
  });

  it('rejects a set with problems whole, naming every problem by document and path', () => {
    expect(
      importSloDocuments(fixture('invalid-openslo.yaml'), options),
    ).toEqual({
      problems: [
        {
          document: 0,
          path: 'spec.service',
          message: expect.stringContaining('No owning entity'),
        },
        {
          document: 0,
          path: 'spec.objectives[1]',
          message: expect.stringContaining('one objective per SLO'),
        },
        {
          document: 0,
          path: 'spec.alertPolicies[0].alertPolicyRef',
          message: 'No AlertPolicy named "missing-policy" in these documents',
        },
        {
          document: 0,
          path: 'metadata.name',
          message: expect.stringContaining('lower-case'),
        },
        {
          document: 0,
          path: 'spec.timeWindow[0].duration',
          message: expect.stringContaining('"1M" is not a duration'),
        },
        {
          document: 1,
          path: 'spec.indicator.spec.ratioMetric.total.metricSource.metricSourceRef',
          message: expect.stringContaining('one metric source'),
        },
        {
          document: 1,
          path: 'spec.timeWindow[0].duration',
          message:
            'Calendar windows are a month (1M) or a quarter (1Q), not "1w"',
        },
        {
          document: 1,
          path: 'spec.objectives[0]',
          message:
            'Timeslices budgeting needs timeSliceWindow and timeSliceTarget',
        },
        {
          document: 1,
          path: 'spec.alertPolicies[0].spec.conditions[0].spec.condition.op',
          message: expect.stringContaining('gt or gte'),
        },
        {
          document: 1,
          path: 'spec.alertPolicies[0].spec.conditions[0].spec.severity',
          message: expect.stringContaining('Unknown severity "sms"'),
        },
        {
          document: 1,
          path: 'spec.indicator.spec.ratioMetric.good.metricSource.spec.query',
          message: expect.stringContaining('{{.window}}'),
        },
        {
          document: 2,
          path: 'apiVersion',
          message: expect.stringContaining('openslo/v1alpha'),
        },
        // The SLI is only read because document 0 refers to it: the problem is where the SLI is.
        {
          document: 3,
          path: 'spec.thresholdMetric',
          message: expect.stringContaining('Only ratioMetric'),
        },
      ],
    });
  });

  it('says what Sloth features it cannot import', () => {
    expect(importSloDocuments(fixture('sloth-raw.yaml'), options)).toEqual({
      problems: [
        {
          document: 0,
          path: 'slos[0].sli.raw',
          message: expect.stringContaining('raw SLIs are not supported'),
        },
        {
          document: 0,
          path: 'slos[0].alerting',
          message: expect.stringContaining('Both alerts are disabled'),
        },
      ],
    });
  });

  describe('Sloth', () => {
    const slo = (body: string) =>
      `version: prometheus/v1\nservice: myservice\nslos:\n  - name: availability\n    objective: 99.9\n${body}`;
    const events =
      '    sli:\n      events:\n        error_query: errors_total\n        total_query: requests_total\n';

    it('reads the PrometheusServiceLevel resource in its camelCase spelling', () => {
      expect(importSloDocuments(fixture('sloth-crd.yaml'), options)).toEqual({
        slos: [
          expect.objectContaining({
            name: 'requests-availability',
            entityRef: 'component:default/myservice',
            sli: {
              type: 'ratio',
              bad: expect.stringContaining('code=~"(5..|429)"'),
              total: expect.stringContaining('http_request_duration'),
            },
            labels: { owner: 'myteam' },
            // The page alert is disabled: only the ticket part of the preset.
            alertPolicies: [
              {
                name: 'ticket-slow-burn',
                severity: 'ticket',
                budgetPercent: 10,
                within: '3d',
              },
            ],
          }),
        ],
      });
    });

    it.each([
      ['page_alert', 'ticket'],
      ['ticket_alert', 'page'],
    ])(
      'imports only the enabled alerts when %s is disabled',
      (disabled, kept) => {
        const result = importSloDocuments(
          slo(
            `${events}    alerting:\n      ${disabled}:\n        disable: true\n`,
          ),
          options,
        );
        if (!('slos' in result)) throw new Error(JSON.stringify(result));
        const severities = result.slos[0].alertPolicies.map(p =>
          'severity' in p ? p.severity : p.preset,
        );
        expect(new Set(severities)).toEqual(new Set([kept]));
      },
    );

    it('names the document and path of a field Sloth does not define', () => {
      expect(
        importSloDocuments(
          `${slo(`    descripton: typo\n${events}`)}---\n${slo(
            '    sli:\n      events:\n        errorQuery: e\n        total_query: t\n',
          )}`,
          options,
        ),
      ).toEqual({
        problems: [
          {
            document: 0,
            path: 'slos[0].descripton',
            message:
              'Unknown field "descripton": Sloth prometheus/v1 has no such field',
          },
          {
            document: 1,
            path: 'slos[0].sli.events.error_query',
            message: 'Required field missing (expected a string)',
          },
          {
            document: 1,
            path: 'slos[0].sli.events.errorQuery',
            message:
              'Unknown field "errorQuery": Sloth prometheus/v1 has no such field; a prometheus/v1 file writes it error_query (camelCase is the PrometheusServiceLevel resource\'s spelling)',
          },
        ],
      });
    });

    it.each([
      [
        'objective',
        `version: prometheus/v1\nservice: myservice\nslos:\n  - name: availability\n${events}`,
        'slos[0].objective',
        'a number',
      ],
      [
        'slos',
        'version: prometheus/v1\nservice: myservice\n',
        'slos',
        'an array',
      ],
    ])(
      'says a missing %s is missing, naming what it takes',
      (_, text, path, expected) => {
        expect(importSloDocuments(text, options)).toEqual({
          problems: [
            {
              document: 0,
              path,
              message: `Required field missing (expected ${expected})`,
            },
          ],
        });
      },
    );

    it('accepts the Sloth fields that mean nothing to Stewardship, without importing them', () => {
      const result = importSloDocuments(
        slo(
          `${events}    infoLabels: { team: a }\n    interval: { all: 1m }\n    alerting:\n      name: MyAlert\n      labels: { x: y }\n      annotations: { summary: s }\n      page_alert: { labels: { severity: critical }, annotations: { a: b } }\n      ticket_alert: {}\n`,
        ),
        options,
      );
      expect(result).toEqual({
        slos: [
          expect.objectContaining({
            labels: {},
            alertPolicies: [{ preset: 'sre-workbook' }],
          }),
        ],
      });
    });

    describe('queries written with rate, as in Sloth’s examples', () => {
      const withQueries = (error: string, total: string) =>
        slo(
          `    sli:\n      events:\n        error_query: '${error}'\n        total_query: '${total}'\n`,
        );
      const sli = (result: ReturnType<typeof importSloDocuments>) =>
        'slos' in result ? result.slos[0].sli : result;

      it('become increase over the same range: counts, in the same ratio', () => {
        expect(
          sli(
            importSloDocuments(
              withQueries(
                'sum(rate(errors_total[{{.window}}])) + sum by (x) (rate (retries_total{path="/rate(x[{{.window}}])"}[{{ .window }}]))',
                'sum(rate(requests_total[{{.window}}:1m]))',
              ),
              options,
            ),
          ),
        ).toEqual({
          type: 'ratio',
          // The label value that looks like a call is text: left as written.
          bad: 'sum(increase(errors_total[{{.window}}])) + sum by (x) (increase (retries_total{path="/rate(x[{{.window}}])"}[{{ .window }}]))',
          total: 'sum(increase(requests_total[{{.window}}:1m]))',
        });
      });

      it('keep what is not a rate over the window', () => {
        const error =
          'sum(increase(errors_total[{{.window}}])) or error_rate{x="y"} * 0';
        expect(
          sli(
            importSloDocuments(withQueries(error, 'requests_total'), options),
          ),
        ).toEqual({ type: 'ratio', bad: error, total: 'requests_total' });
      });

      it('refuse irate, which gives no count, naming the document and field', () => {
        expect(
          importSloDocuments(
            withQueries(
              'sum(irate(errors_total[{{.window}}]))',
              'sum(rate(requests_total[{{.window}}]))',
            ),
            options,
          ),
        ).toEqual({
          problems: [
            {
              document: 0,
              path: 'slos[0].sli.events.error_query',
              message: expect.stringMatching(
                /^irate\(…\[\{\{\.window\}\}\]\) is the rate between the last two samples.*write increase\(…\[\{\{\.window\}\}\]\)/,
              ),
            },
          ],
        });
      });
    });

    it.each([
      [100, 'An objective of 100 (percent) leaves no error budget'],
      [0, 'percentages above 0 and at most 100, e.g. 99.9 (got 0)'],
      [250, 'percentages above 0 and at most 100, e.g. 99.9 (got 250)'],
    ])('says an objective of %s in percent', (objective, message) => {
      expect(
        importSloDocuments(
          slo(events).replace('objective: 99.9', `objective: ${objective}`),
          options,
        ),
      ).toEqual({
        problems: [
          {
            document: 0,
            path: 'slos[0].objective',
            message: expect.stringContaining(message),
          },
        ],
      });
    });
  });

  it('reports YAML syntax errors with their line', () => {
    expect(importSloDocuments('a: [1\nb: 2\n---\nfoo: {', options)).toEqual({
      problems: [
        {
          document: 0,
          path: '',
          message: expect.stringMatching(
            /^YAML syntax error: .* at line 2, column 1$/,
          ),
        },
        {
          document: 1,
          path: '',
          message: expect.stringMatching(
            /^YAML syntax error: .* at line 4, column 7$/,
          ),
        },
      ],
    });
  });

  it('uses the default entity and metric source when the documents name none', () => {
    const text = fixture('openslo-inline.yaml')
      .replace(/ +service: .*\n/g, '')
      .replace(/ +annotations:\n +stewardship\.io\/entity-ref: .*\n/, '');
    const result = importSloDocuments(text, {
      defaultEntityRef: 'Group:Team-A',
      defaultMetricSource: 'victoria',
    });
    expect(result).toMatchObject({
      slos: [
        {
          name: 'payments-errors',
          entityRef: 'group:default/team-a',
          metricSource: 'victoria',
        },
        {
          name: 'search-latency',
          entityRef: 'group:default/team-a',
          metricSource: 'thanos',
        },
      ],
    });
  });

  it('says an OpenSLO target outside (0, 1) as a fraction, a targetPercent outside (0, 100) in percent', () => {
    const text = fixture('openslo-inline.yaml');
    const first = text.split('\n---\n')[0];
    expect(first).toContain('target: 0.99');
    expect(
      importSloDocuments(first.replace('target: 0.99', 'target: 1'), options),
    ).toEqual({
      problems: [
        expect.objectContaining({
          message:
            'The objective is a fraction above 0 and below 1, e.g. 0.999 for 99.9 % (1 would leave no error budget)',
        }),
      ],
    });
    expect(
      importSloDocuments(
        first.replace('target: 0.99', 'targetPercent: 0'),
        options,
      ),
    ).toEqual({
      problems: [
        expect.objectContaining({
          message: 'targetPercent is a percentage above 0, e.g. 99.9 (got 0)',
        }),
      ],
    });
  });

  it('maps validation problems of the converted spec back into the documents', () => {
    const text = fixture('openslo-referenced.yaml')
      .replace('targetPercent: 99.5', 'targetPercent: 100')
      .replace('threshold: 13.44', 'threshold: 0');
    expect(importSloDocuments(text, options)).toEqual({
      problems: [
        {
          document: 3,
          path: 'spec.condition.threshold',
          message: 'Too small: expected number to be >0',
        },
        {
          document: 5,
          path: 'spec.objectives[0].targetPercent',
          message:
            'targetPercent is a percentage below 100, e.g. 99.9 (got 100; 100 leaves no error budget)',
        },
      ],
    });
  });

  describe('an indicator that says what it is', () => {
    const slo = (annotations: string, good = 'lat_bucket{le="0.3"}') =>
      [
        'apiVersion: openslo/v1',
        'kind: SLO',
        'metadata: {name: fast}',
        'spec:',
        '  service: checkout',
        '  indicator:',
        `    metadata: {name: fast-sli, annotations: {${annotations}}}`,
        '    spec:',
        '      ratioMetric:',
        `        good: {metricSource: {spec: {query: '${good}'}}}`,
        "        total: {metricSource: {spec: {query: 'lat_count'}}}",
        '  timeWindow: [{duration: 7d, isRolling: true}]',
        '  objectives: [{target: 0.99}]',
      ].join('\n');
    const sliOf = (text: string) => {
      const result = importSloDocuments(text, options);
      if ('problems' in result) throw new Error(JSON.stringify(result));
      return result.slos[0].sli;
    };
    const annotations = 'spec.indicator.metadata.annotations';

    it('takes a bucket for a latency threshold only when no annotation says otherwise', () => {
      expect(sliOf(slo(''))).toEqual({
        type: 'latency',
        thresholdSeconds: 0.3,
        good: 'lat_bucket{le="0.3"}',
        total: 'lat_count',
      });
      expect(sliOf(slo('stewardship.io/sli-type: ratio'))).toEqual({
        type: 'ratio',
        good: 'lat_bucket{le="0.3"}',
        total: 'lat_count',
      });
      expect(
        sliOf(
          slo(
            "stewardship.io/sli-type: latency, stewardship.io/latency-threshold-seconds: '0.25'",
            'fast_total',
          ),
        ),
      ).toEqual({
        type: 'latency',
        thresholdSeconds: 0.25,
        good: 'fast_total',
        total: 'lat_count',
      });
    });

    it.each([
      [
        'stewardship.io/sli-type: histogram',
        'stewardship.io/sli-type',
        'Must be ratio or latency',
      ],
      [
        "stewardship.io/latency-threshold-seconds: 'fast'",
        'stewardship.io/latency-threshold-seconds',
        'Must be a number of seconds greater than 0, e.g. 0.3',
      ],
      [
        "stewardship.io/latency-threshold-seconds: '0'",
        'stewardship.io/latency-threshold-seconds',
        'Must be a number of seconds greater than 0, e.g. 0.3',
      ],
    ])('rejects %s', (written, key, message) => {
      expect(importSloDocuments(slo(written), options)).toEqual({
        problems: [{ document: 0, path: `${annotations}["${key}"]`, message }],
      });
    });

    it('rejects a written threshold other than the bucket its good events select, at the annotation', () => {
      expect(
        importSloDocuments(
          slo(
            "stewardship.io/sli-type: latency, stewardship.io/latency-threshold-seconds: '0.25'",
            'lat_seconds_bucket{le="0.3"}',
          ),
          options,
        ),
      ).toEqual({
        problems: [
          {
            document: 0,
            path: `${annotations}["stewardship.io/latency-threshold-seconds"]`,
            message:
              'Does not match the good query\'s histogram bucket le="0.3": give the threshold the bucket counts, or count the bucket of 0.25 s',
          },
        ],
      });
    });

    it('asks for the threshold of a latency indicator that neither writes nor selects one', () => {
      expect(
        importSloDocuments(
          slo('stewardship.io/sli-type: latency', 'fast_total'),
          options,
        ),
      ).toEqual({
        problems: [
          {
            document: 0,
            path: `${annotations}["stewardship.io/latency-threshold-seconds"]`,
            message: expect.stringContaining(
              'A latency indicator needs its threshold',
            ),
          },
        ],
      });
    });
  });

  it('checks the shape of each document before converting it', () => {
    const text = fixture('openslo-referenced.yaml')
      .replace('tier: critical', 'tier: {level: 1}')
      .replace('threshold: 13.44', 'threshold: high');
    expect(importSloDocuments(text, options)).toEqual({
      problems: [
        {
          document: 3,
          path: 'spec.condition.threshold',
          message: expect.stringContaining('expected number'),
        },
        {
          document: 5,
          path: 'metadata.labels.tier',
          message: expect.any(String),
        },
      ],
    });
  });

  it.each([
    [
      'an empty file',
      '',
      {
        document: 0,
        path: '',
        message: expect.stringContaining('No SLO found'),
      },
    ],
    [
      'a scalar document',
      'just text',
      {
        document: 0,
        path: '',
        message: expect.stringContaining('Expected an OpenSLO document'),
      },
    ],
    [
      'an unknown kind',
      'apiVersion: openslo/v1\nkind: Composite\n',
      {
        document: 0,
        path: 'kind',
        message: expect.stringContaining('Unsupported kind "Composite"'),
      },
    ],
    [
      'a document without apiVersion',
      'kind: SLO\nmetadata: {name: a}\n',
      {
        document: 0,
        path: 'apiVersion',
        message:
          'Required field missing: an OpenSLO document starts with apiVersion: openslo/v1 (a Sloth file with version: prometheus/v1)',
      },
    ],
    [
      'a document without kind',
      'apiVersion: openslo/v1\nmetadata: {name: a}\n',
      {
        document: 0,
        path: 'kind',
        message:
          "Required field missing: give the document's kind, one of SLO, SLI, DataSource, AlertPolicy, AlertCondition, Service, AlertNotificationTarget",
      },
    ],
    [
      'another Sloth version',
      'version: prometheus/v2\n',
      {
        document: 0,
        path: 'version',
        message: expect.stringContaining('prometheus/v1'),
      },
    ],
    [
      'an SLO missing its objectives',
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec:\n  service: a\n  timeWindow: [{duration: 7d, isRolling: true}]\n',
      { document: 0, path: 'spec.objectives', message: expect.any(String) },
    ],
  ])('rejects %s', (_what, text, problem) => {
    expect(importSloDocuments(text, options)).toEqual({ problems: [problem] });
  });

  it('rejects two SLOs of one entity with one name', () => {
    const slo = fixture('openslo-inline.yaml').split('\n---\n')[0];
    expect(importSloDocuments(`${slo}\n---\n${slo}`, options)).toEqual({
      problems: [
        {
          // `document` is the index (the second document is 1); the message counts from 1, so
          // the first document, index 0, is "document 1".
          document: 1,
          path: 'metadata.name',
          message:
            'component:payments/payments-api already has an SLO named "payments-errors" in document 1. Choose another name.',
        },
      ],
    });
  });

  it('rejects two SLI documents with one name', () => {
    const text = fixture('openslo-referenced.yaml');
    const sli = text.split('\n---\n')[2];
    expect(importSloDocuments(`${text}\n---\n${sli}`, options)).toEqual({
      problems: [
        {
          // Service, DataSource, SLI, AlertCondition, AlertPolicy, SLO are indexes 0–5, the copy
          // is 6; the first SLI is index 2, the third document: "document 3" to a person.
          document: 6,
          path: 'metadata.name',
          message: 'Another SLI is named "checkout-success" (document 3)',
        },
      ],
    });
  });
});
