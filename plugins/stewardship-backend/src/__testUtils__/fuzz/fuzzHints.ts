import fc from 'fast-check';
import { allRoles, component, domain, group, system, user } from '../entities';
import { CURRENT_VERSION, CaseHints } from './fuzzCases';

/** The catalog the fuzzed plugin reads. */
export const fuzzEntities = [
  group('payments', ['user:default/jane']),
  user('jane', ['group:default/payments'], { displayName: 'Jane Doe' }),
  domain('commerce', { annotations: allRoles('group:default/payments') }),
  system('shop', { domain: 'commerce' }),
  component('cart', { system: 'shop', owner: 'group:default/payments' }),
  component('checkout', { annotations: allRoles('user:default/jane') }),
];

const recentPast = fc
  .integer({ min: 60, max: 3 * 86400 })
  .map(seconds => new Date(Date.now() - seconds * 1000).toISOString());
const sliQuery = fc.constantFrom(
  'req_total{job="api",code="200"}',
  'req_all_total{job="api"}',
  'sum(increase(req_total{job="api"}[{{.window}}]))',
  'http_requests_total',
  'req_total',
  'req_all_total',
  'rate(req_total[5m])',
);
const entityRef = fc.constantFrom(
  'component:default/checkout',
  'checkout',
  'Component:Default/CART',
  'component:default/ghost',
);
const duration = fc.constantFrom(
  '28d',
  '7d',
  '30d',
  '1h',
  '5m',
  '401d',
  '1h30m',
);
// An SLO the server accepts when its name is free (and its source configured).
const realisticSlo = fc.record(
  {
    entityRef,
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/),
    description: fc.constantFrom('Checkout availability', ''),
    sli: fc.record({
      type: fc.constant('ratio'),
      good: sliQuery,
      total: sliQuery,
    }),
    objective: fc.constantFrom(0.5, 0.95, 0.99, 0.999),
    timeWindow: fc.record({
      type: fc.constant('rolling'),
      duration: fc.constantFrom('7d', '28d'),
    }),
    metricSource: fc.constantFrom('prom', 'flaky', 'nan', 'shape'),
    alertPolicies: fc.constantFrom([], [{ preset: 'sre-workbook' }]),
    labels: fc.constantFrom({}, { team: 'payments' }),
  },
  {
    requiredKeys: [
      'entityRef',
      'name',
      'sli',
      'objective',
      'timeWindow',
      'metricSource',
    ],
  },
);
/**
 * Values the server can accept, mixed into the spec's generic ones: catalog entities, configured
 * metric sources, SLI queries over the test Prometheus' series, sensible windows and policies.
 */
export const fuzzHints: CaseHints = {
  values: {
    // Whole bodies, by operation.
    'body.createSlo': realisticSlo,
    'body.updateSlo': realisticSlo.map(slo => ({
      ...slo,
      version: CURRENT_VERSION,
    })),
    // Body properties, by name.
    entityRef,
    metricSource: fc.constantFrom(
      'prom',
      'prom',
      'flaky',
      'nan',
      'shape',
      'nope',
    ),
    description: fc.constantFrom('Checkout availability', ''),
    sli: fc.oneof(
      fc.record({
        type: fc.constant('ratio'),
        good: sliQuery,
        total: sliQuery,
      }),
      fc.record({ type: fc.constant('ratio'), bad: sliQuery, total: sliQuery }),
      fc.record({
        type: fc.constant('latency'),
        thresholdSeconds: fc.constantFrom(0.1, 0.25, 1),
        good: sliQuery,
        total: sliQuery,
      }),
    ),
    objective: fc.constantFrom(0.5, 0.95, 0.99, 0.999),
    timeWindow: fc.oneof(
      fc.record({ type: fc.constant('rolling'), duration }),
      fc.record({
        type: fc.constant('calendar'),
        unit: fc.constantFrom('month', 'quarter'),
        timeZone: fc.constantFrom('Europe/Berlin', 'UTC', 'Mars/Olympus'),
      }),
    ),
    budgetingMethod: fc.constantFrom('occurrences', 'timeslices'),
    timeslice: fc.record({
      duration: fc.constantFrom('1m', '5m', '1h'),
      target: fc.constantFrom(0.9, 0.95),
    }),
    alertPolicies: fc.constantFrom(
      [],
      [{ preset: 'sre-workbook' }],
      [
        {
          severity: 'page',
          burnRate: 14.4,
          longWindow: '1h',
          shortWindow: '5m',
        },
      ],
      [
        {
          name: 'slow-burn',
          severity: 'ticket',
          budgetPercent: 10,
          within: '3d',
        },
      ],
    ),
    labels: fc.constantFrom({}, { team: 'payments' }, { 'team.io/tier': '1' }),
    minEvents: fc.constantFrom(1, 10, 1000),
    version: fc.constant(CURRENT_VERSION),
    '<mapKey>': fc.constantFrom('team', 'tier', 'team.io/tier', 'x y', ''),
    // Parameters, by where and name.
    'query.entityRef': entityRef,
    'query.metricSource': fc.constantFrom('prom', 'nope'),
    'query.owner': fc.constantFrom(
      'group:default/payments',
      'payments',
      'Payments',
    ),
    'query.system': fc.constantFrom('system:default/shop', 'shop'),
    'query.domain': fc.constantFrom('domain:default/commerce', 'commerce'),
    'query.kind': fc.constantFrom('component', 'Component', 'system'),
    'query.type': fc.constantFrom('service', 'website'),
    'query.at': recentPast,
    'query.from': recentPast,
    'query.to': recentPast,
  },
  entityPaths: fc.constantFrom(
    ...fuzzEntities.map(e => ({
      kind: e.kind,
      namespace: 'default',
      name: e.metadata.name,
    })),
    { kind: 'component', namespace: 'default', name: 'ghost' },
  ),
  yaml: {
    service: fc.constantFrom('checkout', 'cart', 'Checkout', 'CART', 'ghost'),
    sloName: fc.stringMatching(/^[a-z][a-z0-9-]{0,15}[a-z0-9]$/),
    metricSource: fc.constantFrom('prom', 'flaky'),
    query: fc.constantFrom(
      'req_total{job="api",code="200"}',
      'req_all_total{job="api"}',
      'sum(increase(req_total{job="api"}[{{.window}}]))',
    ),
  },
};
