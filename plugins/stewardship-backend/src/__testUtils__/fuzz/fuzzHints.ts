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
  component('checkout', {
    annotations: {
      ...allRoles('user:default/jane'),
      'pagerduty.com/service-id': 'PFUZZ01',
    },
  }),
];

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

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
// Incidents with moments in order (or none: then detection is now).
const incidentTimes = fc.constantFrom(
  {},
  { detectedAt: minutesAgo(60) },
  {
    status: 'acknowledged',
    detectedAt: minutesAgo(60),
    acknowledgedAt: minutesAgo(55),
  },
  {
    status: 'resolved',
    startedAt: minutesAgo(130),
    detectedAt: minutesAgo(120),
    acknowledgedAt: minutesAgo(118),
    mitigatedAt: minutesAgo(100),
    resolvedAt: minutesAgo(90),
  },
);
const realisticIncident = fc
  .record({
    entityRef,
    title: fc.constantFrom('Checkout returns 500s', 'Slow cart'),
    severity: fc.constantFrom('SEV1', 'SEV2', 'SEV3', 'SEV4', 'SEV5'),
    fireDrill: fc.boolean(),
    times: incidentTimes,
  })
  .map(({ times, ...rest }) => ({ ...rest, ...times }));
const incidentPatch = fc
  .constantFrom(
    { title: 'Renamed' },
    { severity: 'SEV1' },
    { note: 'Rolled back to v41' },
    { postmortemUrl: 'https://docs.example.com/pm/1' },
    { status: 'acknowledged' },
    { status: 'resolved' },
    { status: 'triggered', acknowledgedAt: null, resolvedAt: null },
    { fireDrill: true, description: null },
  )
  .map(patch => ({ version: CURRENT_VERSION, ...patch }));
// PagerDuty v3 deliveries for two incidents of a mapped and an unknown service, in any order.
const pagerDutyDelivery = fc
  .record({
    id: fc.stringMatching(/^[A-Z0-9]{12}$/),
    type: fc.constantFrom(
      'incident.triggered',
      'incident.acknowledged',
      'incident.resolved',
      'incident.reopened',
      'incident.unacknowledged',
      'incident.priority_updated',
      'incident.annotated',
      'service.updated',
    ),
    incident: fc.constantFrom('PFZINC1', 'PFZINC2'),
    service: fc.constantFrom('PFUZZ01', 'PFUZZ01', 'PNOBODY'),
    minutes: fc.integer({ min: 1, max: 600 }),
    priority: fc.constantFrom(null, { summary: 'P1' }, { summary: 'P4' }),
  })
  .map(({ id, type, incident, service, minutes, priority }) => ({
    event: {
      id,
      event_type: type,
      resource_type: 'incident',
      occurred_at: minutesAgo(minutes),
      agent: { summary: 'Fuzz' },
      data:
        type === 'incident.annotated'
          ? { incident: { id: incident }, content: 'A note' }
          : {
              id: incident,
              title: 'Fuzzed incident',
              created_at: minutesAgo(700),
              service: { id: service },
              urgency: 'high',
              priority,
            },
    },
  }));

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
    'body.createIncident': realisticIncident,
    'body.updateIncident': incidentPatch,
    'body.receivePagerDutyWebhook': pagerDutyDelivery,
    // Entities in the catalog and one not, any spelling, repeats; as of now or a recent moment.
    'body.getSlosByEntities': fc.record(
      {
        entityRefs: fc.array(entityRef, { minLength: 1, maxLength: 6 }),
        at: recentPast,
      },
      { requiredKeys: ['entityRefs'] },
    ),
    // Body properties, by name.
    entityRef,
    title: fc.constantFrom('Checkout returns 500s', 'Add a canary'),
    affectedEntityRefs: fc.constantFrom([], ['cart']),
    affectedSloIds: fc.constant([]),
    postmortemUrl: fc.constantFrom('https://docs.example.com/pm/1'),
    externalUrl: fc.constantFrom('https://tool.example.com/i/1'),
    link: fc.constantFrom('https://tickets.example.com/OPS-1'),
    ownerRef: fc.constantFrom('group:default/payments', 'payments', 'jane'),
    dueDate: fc.constantFrom('2026-12-31'),
    note: fc.constantFrom('Rolled back to v41'),
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
        timeZone: fc.constantFrom(
          'Europe/Berlin',
          'UTC',
          'Mars/Olympus',
          'local',
        ),
      }),
    ),
    // An exemption's or a release-gate override's end: mostly ahead (accepted), now and then
    // past (refused: it must be in the future).
    expiresAt: fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .integer({ min: 1, max: 90 })
          .map(days => new Date(Date.now() + days * 86_400_000).toISOString()),
      },
      { weight: 1, arbitrary: fc.constant(minutesAgo(5)) },
    ),
    // Any time zone outside a calendar window (a business-hours schedule, a weekly correction).
    // `local` and `UTC+5`: zones luxon takes that no tz database names.
    timeZone: fc.constantFrom(
      'Europe/Berlin',
      'UTC',
      'America/New_York',
      'Mars/Olympus',
      'local',
      'UTC+5',
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
    'query.entity': entityRef,
    'query.metricSource': fc.constantFrom('prom', 'nope'),
    'query.owner': fc.constantFrom(
      'group:default/payments',
      'payments',
      'Payments',
    ),
    'query.system': fc.constantFrom('system:default/shop', 'shop'),
    'query.domain': fc.constantFrom('domain:default/commerce', 'commerce'),
    // A planning review's scope: a system, domain or group (short or any case), one not in the
    // catalog (404) and a component, which is no scope (400).
    'query.scope': fc.constantFrom(
      'system:default/shop',
      'Domain:Default/Commerce',
      'group:payments',
      'system:default/ghost',
      'component:default/checkout',
    ),
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
