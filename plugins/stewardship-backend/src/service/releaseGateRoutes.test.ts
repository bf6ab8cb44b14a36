/*
 * The release gate through a real backend on every test database: the policy over stored
 * snapshots (written straight into the store, so each status is exactly what the test says),
 * per-entity annotations, `?at=`, the CI text format, overrides (validated, audited, expiring)
 * and the error statuses, with bodies checked against openapi.yaml.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import {
  SloEvaluation,
  SloSpec,
  SloStatus,
} from '@stewardship/backstage-plugin-stewardship-common';
import request from 'supertest';
import { component } from '../__testUtils__/entities';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from '../database/StewardshipDatabase';
import {
  REFUSING_PROMETHEUS,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';
import { storedEvaluation } from '../__testUtils__/evaluations';
import { capturingAuditor, outcomes } from '../__testUtils__/capturingAuditor';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();
const asUser = mockCredentials.user.header('user:default/jane');
const MINUTE = 60_000;

/**
 * A moment as the CI text writes it, worked out from the date's UTC fields (not by the code's
 * formatter): `YYYY-MM-DD HH:mm UTC`, seconds cut.
 */
function utcMinute(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(
    d.getUTCDate(),
  )} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}

const spec = (entity: string, name: string): SloSpec => ({
  entityRef: `component:default/${entity}`,
  name,
  sli: { type: 'ratio', good: 'good{job="x"}', total: 'total{job="x"}' },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prometheus',
  alertPolicies: [],
  labels: name === 'batch' ? { tier: 'low' } : { tier: 'critical' },
});

function snapshot(
  sloId: string,
  entity: string,
  at: number,
  status: SloStatus,
  remaining: number,
): SloEvaluation {
  const slo = {
    id: sloId,
    entityRef: `component:default/${entity}`,
    objective: 0.999,
  };
  return storedEvaluation(slo, at, {
    status,
    remaining,
    allowedBad: 1000,
    alerts: [
      {
        policy: {
          name: 'page-1h',
          severity: 'page',
          burnRate: 14.4,
          longWindow: '1h',
          shortWindow: '5m',
        },
        firing: status !== 'healthy',
      },
    ],
  });
}

describe.each(databases.eachSupportedId())('release gate on %p', databaseId => {
  let app: any;
  let db: StewardshipDatabase;
  const auditor = capturingAuditor();
  const now = Date.now();
  const beforeBurn = new Date(now - 30 * MINUTE).toISOString();

  beforeAll(async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const backend = await startStewardshipTestBackend({
      database: knex,
      auditor: auditor.factory,
      entities: [
        component('checkout'),
        component('lenient', {
          annotations: {
            'stewardship.io/release-gate-exhausted': 'warn',
            'stewardship.io/release-gate-no-data': 'sometimes',
          },
        }),
        component('critical-only', {
          annotations: {
            'stewardship.io/release-gate-slo-labels': 'tier=critical',
          },
        }),
        component('no-slos'),
        component('hotfix'),
      ],
      config: {
        stewardship: {
          metricSources: { prometheus: REFUSING_PROMETHEUS },
          errorBudgetPolicy: { maxOverrideDays: 2 },
        },
      },
    });
    app = backend.server;
    db = await StewardshipDatabase.forTest(knex);
    // checkout: api healthy since an hour ago; batch healthy, then exhausted a minute ago.
    // lenient and critical-only: the same; "fresh" has never been evaluated.
    for (const entity of ['checkout', 'lenient', 'critical-only', 'hotfix']) {
      const [api, batch] = await db.slos.createSlos(
        [spec(entity, 'api'), spec(entity, 'batch')],
        'test',
      );
      await db.slos.saveSnapshots([
        snapshot(api.id, entity, now - 60 * MINUTE, 'healthy', 0.8),
        snapshot(batch.id, entity, now - 60 * MINUTE, 'healthy', 0.3),
        snapshot(api.id, entity, now - MINUTE, 'healthy', 0.79),
        snapshot(batch.id, entity, now - MINUTE, 'exhausted', -0.25),
      ]);
    }
    await db.slos.createSlos([spec('lenient', 'fresh')], 'test');
  }, 120_000);

  const gate = (entity: string, query = '') =>
    request(app)
      .get(
        `/api/stewardship/entities/component/default/${entity}/release-gate${query}`,
      )
      .set('Authorization', asUser);
  const override = (entity: string, body: object) =>
    request(app)
      .post(
        `/api/stewardship/entities/component/default/${entity}/release-gate/overrides`,
      )
      .set('Authorization', asUser)
      .send(body);

  it('blocks on an exhausted SLO with its reason, and says so on one line for CI', async () => {
    const res = await gate('checkout');
    expect(res.status).toBe(200);
    openApi.assertMatches('ReleaseGate', res.body);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/checkout',
      decision: 'block',
      policyDecision: 'block',
      countedSlos: 2,
      policy: {
        exhausted: 'block',
        atRisk: 'warn',
        noData: 'warn',
        noSlos: 'allow',
      },
      reasons: [
        {
          slo: { name: 'batch' },
          status: 'exhausted',
          decision: 'block',
          budgetRemaining: -0.25,
          firingPolicies: ['page-1h'],
          // −0.25 × 100 = −25, one decimal and a typographic minus, as the SLOs tab writes it.
          explanation: '"batch" has spent its error budget (\u221225 % left).',
        },
      ],
    });
    expect(res.body.override).toBeUndefined();
    // Both latest snapshots are a minute old: the answer holds until they are older than the
    // default staleness of 10 minutes, one millisecond past it.
    expect(res.body.validUntil).toBe(
      new Date(now - MINUTE + 10 * MINUTE + 1).toISOString(),
    );

    const text = await gate('checkout', '?format=text');
    expect(text.status).toBe(200);
    expect(text.type).toBe('text/plain');
    // The reasons carry a typographic minus (U+2212): the charset tells a CI log how to read it.
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    // The moment is the server's now: to the minute in UTC, not a raw ISO time.
    expect(text.text.split('\n')[0]).toMatch(
      /^block: component:default\/checkout \(2 SLOs counted, as of \d{4}-\d\d-\d\d \d\d:\d\d UTC\)$/,
    );
    expect(text.text).toContain(
      'block batch: "batch" has spent its error budget (\u221225 % left).',
    );
  });

  it('answers as of a moment before the budget ran out, and distrusts stale snapshots', async () => {
    // 55 minutes ago the hour-old snapshots were 5 minutes old and healthy.
    const before = await gate(
      'checkout',
      `?at=${new Date(now - 55 * MINUTE).toISOString()}`,
    );
    expect(before.body).toMatchObject({
      decision: 'allow',
      reasons: [],
      countedSlos: 2,
    });
    // A past moment's answer never changes.
    expect(before.body.validUntil).toBeUndefined();
    // 30 minutes ago they were 30 minutes old: stale at the default 10-minute staleness, so
    // no data, which warns.
    const stale = await gate('checkout', `?at=${beforeBurn}`);
    expect(
      stale.body.reasons.map((r: any) => [r.slo.name, r.status, r.decision]),
    ).toEqual([
      ['api', 'stale', 'warn'],
      ['batch', 'stale', 'warn'],
    ]);
    expect(stale.body.decision).toBe('warn');
    // The CI text names the stale snapshot's moment as the product writes instants: to the
    // minute, in UTC (not the raw ISO time with seconds and milliseconds).
    const staleText = await gate('checkout', `?at=${beforeBurn}&format=text`);
    // The first line's moment is the one asked for (now − 30 min), to the minute in UTC.
    expect(staleText.text.split('\n')[0]).toBe(
      `warn: component:default/checkout (2 SLOs counted, as of ${utcMinute(
        now - 30 * MINUTE,
      )})`,
    );
    // The stale snapshot has data, so it is the last known state too: 0.8 → 80 %.
    expect(staleText.text).toContain(
      `\nwarn api: "api" was last evaluated as of ${utcMinute(
        now - 60 * MINUTE,
      )}, too long ago to trust. Last known: healthy (80 % of the budget left) as of ${utcMinute(
        now - 60 * MINUTE,
      )}.\n`,
    );
  });

  it('applies the entity annotations and reports the ones it cannot read', async () => {
    const lenient = await gate('lenient');
    expect(lenient.body).toMatchObject({
      decision: 'warn',
      policy: { exhausted: 'warn', noData: 'warn' },
    });
    // "fresh" was never evaluated: no-data warns (the invalid annotation left the default).
    expect(
      lenient.body.reasons.map((r: any) => [r.slo.name, r.status, r.decision]),
    ).toEqual([
      ['batch', 'exhausted', 'warn'],
      ['fresh', 'no-data', 'warn'],
    ]);
    expect(lenient.body.policyProblems).toEqual([
      'Annotation stewardship.io/release-gate-no-data is "sometimes"; use allow, warn or block. The configured noData (warn) applies.',
    ]);

    const critical = await gate('critical-only');
    expect(critical.body).toMatchObject({
      decision: 'allow',
      countedSlos: 1,
      reasons: [],
    });

    const none = await gate('no-slos');
    expect(none.body).toMatchObject({ decision: 'allow', countedSlos: 0 });
  });

  it('rejects bad overrides with a 400 naming the field, and stores nothing', async () => {
    const cases: Array<[object, RegExp]> = [
      [
        { justification: 'x', expiresAt: new Date(now - MINUTE).toISOString() },
        /expiresAt.*future/,
      ],
      [
        {
          justification: 'x',
          expiresAt: new Date(now + 3 * 86_400_000).toISOString(),
        },
        /expiresAt.*at most 2 days/,
      ],
      [
        {
          justification: '   ',
          expiresAt: new Date(now + MINUTE * 5).toISOString(),
        },
        /justification/,
      ],
      [
        { expiresAt: new Date(now + MINUTE * 5).toISOString() },
        /justification/,
      ],
      [{ justification: 'x', expiresAt: 'tomorrow' }, /expiresAt/],
      // Printed into CI logs: no terminal escapes, carriage returns or C1 controls.
      ...[
        ['fix \u001b[1A\u001b[2Kallow: all clear', '001B at position 5'],
        ['fix\r\nallow: all clear', '000D at position 4'],
        ['fix\u0085', '0085 at position 4'],
      ].map(([justification, where]): [object, RegExp] => [
        {
          justification,
          expiresAt: new Date(now + MINUTE * 5).toISOString(),
        },
        new RegExp(
          `^Invalid request body "justification": contains the control character U\\+${where}; only tabs and line feeds are allowed$`,
        ),
      ]),
    ];
    for (const [body, message] of cases) {
      const res = await override('checkout', body);
      expect([body, res.status]).toEqual([body, 400]);
      openApi.assertMatches('Error', res.body);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await gate('checkout')).body.decision).toBe('block');
    const unknown = await override('nope', {
      justification: 'x',
      expiresAt: new Date(now + MINUTE * 5).toISOString(),
    });
    expect(unknown.status).toBe(404);
  });

  it('turns block into warn while an override lasts, keeps the reasons, and audits it', async () => {
    auditor.events.length = 0;
    const expiresAt = new Date(now + 86_400_000).toISOString();
    const created = await override('checkout', {
      justification: '  Security fix for CVE-2026-1234  ',
      expiresAt,
    });
    expect(created.status).toBe(201);
    openApi.assertMatches('ReleaseGateOverride', created.body);
    expect(created.body).toMatchObject({
      entityRef: 'component:default/checkout',
      justification: 'Security fix for CVE-2026-1234',
      createdBy: 'user:default/jane',
      expiresAt,
    });
    expect(outcomes(auditor.events)).toEqual([
      { eventId: 'release-gate-override', outcome: 'succeeded' },
    ]);

    const res = await gate('checkout');
    openApi.assertMatches('ReleaseGate', res.body);
    expect(res.body).toMatchObject({
      decision: 'warn',
      policyDecision: 'block',
      override: { id: created.body.id },
      reasons: [{ slo: { name: 'batch' }, status: 'exhausted' }],
    });
    const text = await gate('checkout', '?format=text');
    expect(text.text).toContain(
      // now + 1 day, to the minute in UTC.
      `override: block → warn until ${utcMinute(
        now + 86_400_000,
      )}, by user:default/jane: Security fix for CVE-2026-1234`,
    );
    // Not in force before it was made.
    expect(
      (
        await gate(
          'checkout',
          `?at=${new Date(now - 2 * MINUTE).toISOString()}`,
        )
      ).body.override,
    ).toBeUndefined();
  });

  it('holds until the override in force ends, when it ends before any evaluation grows stale', async () => {
    const expiresAt = new Date(now + 5 * MINUTE).toISOString();
    const created = await override('hotfix', {
      justification: 'Rollback of a bad config',
      expiresAt,
    });
    expect(created.status).toBe(201);
    const res = await gate('hotfix');
    openApi.assertMatches('ReleaseGate', res.body);
    expect(res.body).toMatchObject({
      decision: 'warn',
      override: { id: created.body.id },
    });
    // The snapshots grow stale at now + 9 minutes; the override ends first.
    expect(res.body.validUntil).toBe(expiresAt);
  });

  it('takes a justification of several lines, indenting its further lines in the text for CI', async () => {
    // Expires after the override of the test before, so it is the one in force.
    const created = await override('checkout', {
      justification: 'Hotfix\n\tblock: reviewed by security',
      expiresAt: new Date(now + 36 * 60 * MINUTE).toISOString(),
    });
    expect(created.status).toBe(201);
    expect(created.body.justification).toBe(
      'Hotfix\n\tblock: reviewed by security',
    );
    const text = await gate('checkout', '?format=text');
    expect(text.text).toContain(
      `by user:default/jane: Hotfix\n  \tblock: reviewed by security\n`,
    );
    expect(text.text).not.toMatch(/^\tblock/m);
  });

  it('answers 404 for an unknown entity, 400 for a future at and 401 without credentials', async () => {
    expect((await gate('nope')).status).toBe(404);
    const future = await gate(
      'checkout',
      `?at=${new Date(now + 3_600_000).toISOString()}`,
    );
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/"at"/);
    expect((await gate('checkout', '?format=xml')).status).toBe(400);
    const anonymous = await request(app).get(
      '/api/stewardship/entities/component/default/checkout/release-gate',
    );
    expect(anonymous.status).toBe(401);
  });
});
