/*
 * Ownership exemptions through a real backend on every test database: granting one makes the
 * role `exempt` on the entity route and counts it apart on the scorecard; the owner may grant
 * and remove, anyone else gets a 403 naming the permission and changes nothing; client mistakes
 * are 400s naming the field; a role already exempt, a role that is ok, a role not required and an
 * entity the policy does not cover are 409s; every write is audited (a removal with its role);
 * a grant and a removal, and nothing refused, tell open tabs through one ownership signal each.
 * Bodies are checked against openapi.yaml.
 */
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  ROLE_ANNOTATIONS,
  component,
  group,
  user,
} from '../__testUtils__/entities';
import { capturingAuditor, outcomes } from '../__testUtils__/capturingAuditor';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { startStewardshipTestBackend } from '../__testUtils__/stewardshipTestBackend';
import { everyoneReadsTheCatalog } from '../__testUtils__/catalogReadPolicy';
import { recordingSignals } from '../__testUtils__/recordingSignals';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();
const jane = mockCredentials.user.header('user:default/jane');
const bob = mockCredentials.user.header('user:default/bob');
const DAY = 86_400_000;
const OWNERSHIP_CHANGED = {
  recipients: { type: 'broadcast' },
  channel: 'stewardship:ownership',
  message: { type: 'ownership-changed' },
};

describe.each(databases.eachSupportedId())('exemptions on %p', databaseId => {
  let app: any;
  const auditor = capturingAuditor();
  const audited = auditor.events;
  const signals = recordingSignals();

  beforeAll(async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const backend = await startStewardshipTestBackend({
      database: knex,
      // jane owns checkout, cart and widget; nobody else may do anything.
      permissions: mockServices.permissions.mock({
        authorize: async (requests, { credentials }) =>
          requests.map(r => ({
            result:
              (credentials.principal as { userEntityRef?: string })
                .userEntityRef === 'user:default/jane' &&
              [
                'component:default/checkout',
                'component:default/cart',
                'resource:default/widget',
              ].includes((r as { resourceRef?: string }).resourceRef ?? '')
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
        ...everyoneReadsTheCatalog,
      }).factory,
      auditor: auditor.factory,
      features: [signals.factory],
      entities: [
        // Business and product owned by jane (ok); engineering missing.
        component('checkout', {
          annotations: {
            [ROLE_ANNOTATIONS.business]: 'user:default/jane',
            [ROLE_ANNOTATIONS.product]: 'user:default/jane',
          },
        }),
        component('cart'),
        // A kind the ownership policy does not cover.
        component('widget', { kind: 'Resource' }),
        user('jane', ['group:default/team-a']),
        group('team-a', ['user:default/jane']),
      ],
      config: {
        stewardship: {
          ownership: {
            cacheTtl: '0s',
            exemptions: { maxDuration: '30d' },
            // Product is optional.
            requiredRoles: ['business', 'engineering'],
          },
        },
      },
    });
    app = backend.server;
  }, 120_000);

  const base = '/api/stewardship/entities/component/default';
  const grant = (entity: string, body: object, as = jane) =>
    request(app)
      .post(`${base}/${entity}/ownership/exemptions`)
      .set('Authorization', as)
      .send(body);
  const ownership = async (entity: string) => {
    const res = await request(app)
      .get(`${base}/${entity}/ownership`)
      .set('Authorization', jane);
    expect(res.status).toBe(200);
    openApi.assertMatches('EntityOwnership', res.body);
    return res.body;
  };
  const inDays = (days: number) =>
    new Date(Date.now() + days * DAY).toISOString();
  const badRequest = (res: request.Response, fragment: string) => {
    expect(res.status).toBe(400);
    openApi.assertMatches('Error', res.body);
    expect(res.body.error.message).toContain(fragment);
  };

  it('makes a role exempt until removed, on the entity and on the scorecard', async () => {
    const askedAt = Date.now();
    const before = await ownership('checkout');
    expect(before.compliant).toBe(false);
    // Its moment is the backend's now; nothing on it ends by time alone.
    expect(Date.parse(before.evaluatedAt)).toBeGreaterThanOrEqual(askedAt);
    expect(Date.parse(before.evaluatedAt)).toBeLessThanOrEqual(Date.now());
    expect(before.validUntil).toBeUndefined();
    audited.length = 0;
    signals.published.length = 0;

    const created = await grant('checkout', {
      role: 'engineering',
      reason: 'Team being staffed',
      expiresAt: inDays(20),
    });
    expect(created.status).toBe(201);
    openApi.assertMatches('OwnershipExemption', created.body);
    expect(created.body).toMatchObject({
      entityRef: 'component:default/checkout',
      role: 'engineering',
      reason: 'Team being staffed',
      grantedBy: 'user:default/jane',
    });
    expect(outcomes(audited)).toEqual([
      { eventId: 'ownership-exemption-create', outcome: 'succeeded' },
    ]);
    expect(signals.published).toEqual([OWNERSHIP_CHANGED]);

    const exempted = await ownership('checkout');
    expect(exempted.compliant).toBe(true);
    expect(exempted.roles[2]).toMatchObject({
      role: 'engineering',
      status: 'exempt',
      catalogStatus: 'missing',
      exemption: created.body,
    });
    // It holds until the exemption ends.
    expect(exempted.validUntil).toBe(created.body.expiresAt);

    const list = await request(app)
      .get(`${base}/checkout/ownership/exemptions`)
      .set('Authorization', bob);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ items: [created.body] });

    const scorecard = await request(app)
      .get('/api/stewardship/ownership/scorecard')
      .set('Authorization', jane);
    expect(scorecard.status).toBe(200);
    openApi.assertMatches('CoverageSummary', scorecard.body.summary);
    // checkout (exempt engineering) and cart (nothing declared).
    expect(scorecard.body.summary).toMatchObject({ entities: 2, compliant: 1 });
    expect(scorecard.body.summary.roles.engineering).toEqual({
      ok: 0,
      missing: 1,
      unresolved: 0,
      invalid: 0,
      orphaned: 0,
      exempt: 1,
    });

    // A second exemption for the same role: 409, nothing stored.
    const again = await grant('checkout', {
      role: 'engineering',
      reason: 'again',
      expiresAt: inDays(5),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('already exempt');
    // Nothing changed, nothing to tell.
    expect(signals.published).toEqual([OWNERSHIP_CHANGED]);

    audited.length = 0;
    const removed = await request(app)
      .delete(`${base}/checkout/ownership/exemptions/${created.body.id}`)
      .set('Authorization', jane);
    expect(removed.status).toBe(204);
    expect(outcomes(audited)).toEqual([
      { eventId: 'ownership-exemption-delete', outcome: 'succeeded' },
    ]);
    // The entity, the role and the caller, as for a grant.
    expect(audited[0].created.meta).toEqual({
      entityRef: 'component:default/checkout',
      exemptionId: created.body.id,
    });
    expect(audited[0].created.request.headers.authorization).toBe(jane);
    expect(audited[0].ended!.meta).toEqual({
      exemptionId: created.body.id,
      role: 'engineering',
    });
    expect(signals.published).toEqual([OWNERSHIP_CHANGED, OWNERSHIP_CHANGED]);
    const back = await ownership('checkout');
    expect(back.compliant).toBe(false);
    expect(back.roles[2].status).toBe('missing');
    expect(back.roles[2].exemption).toBeUndefined();
    expect(back.validUntil).toBeUndefined();

    const gone = await request(app)
      .delete(`${base}/checkout/ownership/exemptions/${created.body.id}`)
      .set('Authorization', jane);
    expect(gone.status).toBe(404);
    expect(signals.published).toHaveLength(2);
  });

  it('answers 403 naming the permission to anyone the policy denies, and stores nothing', async () => {
    audited.length = 0;
    signals.published.length = 0;
    const res = await grant(
      'checkout',
      { role: 'business', reason: 'x', expiresAt: inDays(1) },
      bob,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Permission stewardship.exemption.create is denied for component:default/checkout',
    );
    expect(outcomes(audited)).toEqual([
      { eventId: 'ownership-exemption-create', outcome: 'failed' },
    ]);
    const list = await request(app)
      .get(`${base}/checkout/ownership/exemptions`)
      .set('Authorization', jane);
    expect(list.body.items).toEqual([]);
    expect(signals.published).toEqual([]);

    const created = await grant('checkout', {
      role: 'engineering',
      reason: 'x',
      expiresAt: inDays(1),
    });
    expect(created.status).toBe(201);
    const denied = await request(app)
      .delete(`${base}/checkout/ownership/exemptions/${created.body.id}`)
      .set('Authorization', bob);
    expect(denied.status).toBe(403);
    // The grant's signal alone.
    expect(signals.published).toEqual([OWNERSHIP_CHANGED]);
    await request(app)
      .delete(`${base}/checkout/ownership/exemptions/${created.body.id}`)
      .set('Authorization', jane)
      .expect(204);
  });

  it('answers 400 naming the field for bad input, 404 for an unknown entity', async () => {
    badRequest(
      await grant('checkout', {
        role: 'owner',
        reason: 'x',
        expiresAt: inDays(1),
      }),
      'role',
    );
    badRequest(
      await grant('checkout', { role: 'business', expiresAt: inDays(1) }),
      'reason',
    );
    badRequest(
      await grant('checkout', {
        role: 'business',
        reason: '   ',
        expiresAt: inDays(1),
      }),
      '"reason"',
    );
    // Sent in reminders and shown on the scorecard: no terminal escapes, carriage returns or C1.
    for (const [reason, where] of [
      ['Audit \u001b]8;;https://evil.example\u0007here', '001B at position 7'],
      ['Audit\r\npending', '000D at position 6'],
      ['Audit\u009b', '009B at position 6'],
    ]) {
      badRequest(
        await grant('checkout', {
          role: 'business',
          reason,
          expiresAt: inDays(1),
        }),
        `Invalid request body "reason": contains the control character U+${where}; only tabs and line feeds are allowed`,
      );
    }
    const list = await request(app)
      .get(`${base}/checkout/ownership/exemptions`)
      .set('Authorization', jane);
    expect(list.body.items).toEqual([]);
    // Tabs and line feeds are free text's own.
    const multiline = await grant('checkout', {
      role: 'engineering',
      reason: 'Audit\n\tpending',
      expiresAt: inDays(1),
    });
    expect(multiline.status).toBe(201);
    expect(multiline.body.reason).toBe('Audit\n\tpending');
    await request(app)
      .delete(`${base}/checkout/ownership/exemptions/${multiline.body.id}`)
      .set('Authorization', jane)
      .expect(204);
    badRequest(
      await grant('checkout', { role: 'business', reason: 'x' }),
      'expiresAt',
    );
    badRequest(
      await grant('checkout', {
        role: 'business',
        reason: 'x',
        expiresAt: 'soon',
      }),
      'expiresAt',
    );
    badRequest(
      await grant('checkout', {
        role: 'business',
        reason: 'x',
        expiresAt: inDays(-1),
      }),
      'must be in the future',
    );
    // The date-time format lets a leap second through; no clock shows it.
    badRequest(
      await grant('checkout', {
        role: 'engineering',
        reason: 'x',
        expiresAt: '2026-12-31T23:59:60Z',
      }),
      'Invalid request body "expiresAt": "2026-12-31T23:59:60Z" is not a valid moment',
    );
    badRequest(
      await grant('checkout', {
        role: 'business',
        reason: 'x',
        expiresAt: inDays(31),
      }),
      'at most 30 days (stewardship.ownership.exemptions.maxDuration)',
    );
    const unknown = await grant('nope', {
      role: 'business',
      reason: 'x',
      expiresAt: inDays(1),
    });
    expect(unknown.status).toBe(404);
  });

  it('answers 409 saying why for a role with no problem to excuse, and stores nothing', async () => {
    const conflict = async (
      entity: string,
      role: string,
      message: string,
      kind = 'component',
    ) => {
      audited.length = 0;
      const res = await request(app)
        .post(
          `/api/stewardship/entities/${kind}/default/${entity}/ownership/exemptions`,
        )
        .set('Authorization', jane)
        .send({ role, reason: 'Just in case', expiresAt: inDays(5) });
      expect(res.status).toBe(409);
      openApi.assertMatches('Error', res.body);
      expect(res.body.error.message).toBe(message);
      expect(outcomes(audited)).toEqual([
        { eventId: 'ownership-exemption-create', outcome: 'failed' },
      ]);
      const list = await request(app)
        .get(
          `/api/stewardship/entities/${kind}/default/${entity}/ownership/exemptions`,
        )
        .set('Authorization', jane);
      expect(list.body.items).toEqual([]);
    };
    // ok in the catalog: an exemption would wait, unseen, for the role to break.
    await conflict(
      'checkout',
      'business',
      'The business role of component:default/checkout is ok, so it has no problem to excuse',
    );
    // Missing on cart, but optional.
    await conflict(
      'cart',
      'product',
      'The product role is not required for component:default/cart (stewardship.ownership.requiredRoles), so it has no problem to excuse',
    );
    // Nothing declared, but the policy does not cover resources.
    await conflict(
      'widget',
      'engineering',
      'The ownership policy does not cover resource:default/widget (stewardship.ownership.appliesTo), so its engineering role has no problem to excuse',
      'resource',
    );
    expect((await ownership('checkout')).roles[0].status).toBe('ok');

    // A required role with a problem on cart is granted.
    const granted = await grant('cart', {
      role: 'engineering',
      reason: 'Team being staffed',
      expiresAt: inDays(5),
    });
    expect(granted.status).toBe(201);
    await request(app)
      .delete(`${base}/cart/ownership/exemptions/${granted.body.id}`)
      .set('Authorization', jane)
      .expect(204);
  });
});
