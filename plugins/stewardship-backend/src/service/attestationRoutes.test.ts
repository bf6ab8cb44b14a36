/*
 * Attestations through a real backend on every test database: the holder of a role (its user,
 * or a member of its group, by the ownership refs of their sign-in) or anyone the policy allows
 * `stewardship.attestation.create` confirms it; the ownership route then says who confirmed
 * when and until when, and the scorecard counts current, stale and unconfirmed roles. Anyone
 * else gets a 403 naming the permission; a role without an owner, or whose status is not ok
 * (an owner in no group), is a 409; bad input a 400. Each confirmation, and nothing refused,
 * tells open tabs through an ownership signal.
 * Bodies are checked against openapi.yaml. (Expiry and a changed annotation value making an
 * attestation stale are unit-tested in -common's roleAttestation.)
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
const joe = mockCredentials.user.header('user:default/joe');
const bob = mockCredentials.user.header('user:default/bob');
const admin = mockCredentials.user.header('user:default/admin');
const DAY = 86_400_000;

describe.each(databases.eachSupportedId())('attestations on %p', databaseId => {
  let app: any;
  const auditor = capturingAuditor();
  const audited = auditor.events;
  const signals = recordingSignals();

  beforeAll(async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const backend = await startStewardshipTestBackend({
      database: knex,
      // Only admin may attest for others.
      permissions: mockServices.permissions.mock({
        authorize: async (requests, { credentials }) =>
          requests.map(() => ({
            result:
              (credentials.principal as { userEntityRef?: string })
                .userEntityRef === 'user:default/admin'
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
        ...everyoneReadsTheCatalog,
      }).factory,
      auditor: auditor.factory,
      features: [
        signals.factory,
        // As a sign-in resolver would: the user and the groups they belong to.
        mockServices.userInfo.mock({
          getUserInfo: async credentials => {
            const ref = (credentials.principal as { userEntityRef: string })
              .userEntityRef;
            return {
              userEntityRef: ref,
              ownershipEntityRefs:
                ref === 'user:default/joe'
                  ? [ref, 'group:default/team-a']
                  : [ref],
            };
          },
        }).factory,
      ],
      entities: [
        component('checkout', {
          annotations: {
            [ROLE_ANNOTATIONS.business]: 'user:default/jane',
            [ROLE_ANNOTATIONS.product]: 'user:default/jane',
            [ROLE_ANNOTATIONS.engineering]: 'group:default/team-a',
          },
        }),
        component('cart', {
          annotations: {
            [ROLE_ANNOTATIONS.business]: 'user:default/joe',
            // ghost belongs to no group: orphaned.
            [ROLE_ANNOTATIONS.engineering]: 'user:default/ghost',
          },
        }),
        user('jane', ['group:default/team-a']),
        user('joe', ['group:default/team-a']),
        user('ghost', []),
        group('team-a', ['user:default/jane', 'user:default/joe']),
      ],
      config: {
        stewardship: {
          ownership: { cacheTtl: '0s', attestation: { maxAge: '30d' } },
        },
      },
    });
    app = backend.server;
  }, 120_000);

  const attest = (entity: string, body: object, as: string) =>
    request(app)
      .post(
        `/api/stewardship/entities/component/default/${entity}/ownership/attestations`,
      )
      .set('Authorization', as)
      .send(body);
  const roles = async (entity: string) => {
    const res = await request(app)
      .get(`/api/stewardship/entities/component/default/${entity}/ownership`)
      .set('Authorization', bob);
    expect(res.status).toBe(200);
    openApi.assertMatches('EntityOwnership', res.body);
    return res.body.roles;
  };

  it('lets the user, a member of the group and an entity owner confirm, and shows it', async () => {
    expect((await roles('checkout'))[0].attestation).toEqual({ state: 'none' });
    audited.length = 0;
    signals.published.length = 0;

    const before = Date.now();
    const byJane = await attest('checkout', { role: 'business' }, jane);
    expect(byJane.status).toBe(201);
    openApi.assertMatches('OwnershipAttestation', byJane.body);
    expect(byJane.body).toMatchObject({
      entityRef: 'component:default/checkout',
      role: 'business',
      value: 'user:default/jane',
      attestedBy: 'user:default/jane',
    });
    const at = Date.parse(byJane.body.attestedAt);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(Date.parse(byJane.body.expiresAt) - at).toBe(30 * DAY);
    expect(outcomes(audited)).toEqual([
      { eventId: 'ownership-attestation-create', outcome: 'succeeded' },
    ]);

    // joe holds engineering through team-a; admin is not product owner but may attest.
    const byJoe = await attest('checkout', { role: 'engineering' }, joe);
    expect(byJoe.status).toBe(201);
    const byAdmin = await attest('checkout', { role: 'product' }, admin);
    expect(byAdmin.status).toBe(201);
    // One broadcast per confirmation, naming nothing.
    expect(signals.published).toEqual(
      Array(3).fill({
        recipients: { type: 'broadcast' },
        channel: 'stewardship:ownership',
        message: { type: 'ownership-changed' },
      }),
    );

    const [business, product, engineering] = await roles('checkout');
    expect(business.attestation).toEqual({
      state: 'current',
      by: 'user:default/jane',
      at: byJane.body.attestedAt,
      expiresAt: byJane.body.expiresAt,
    });
    expect(product.attestation).toMatchObject({
      state: 'current',
      by: 'user:default/admin',
    });
    expect(engineering.attestation).toMatchObject({
      state: 'current',
      by: 'user:default/joe',
    });
    // The answer holds until the first of the three confirmations expires.
    const whole = await request(app)
      .get('/api/stewardship/entities/component/default/checkout/ownership')
      .set('Authorization', bob);
    const firstExpiry = Math.min(
      ...[byJane, byJoe, byAdmin].map(res => Date.parse(res.body.expiresAt)),
    );
    expect(whole.body.validUntil).toBe(new Date(firstExpiry).toISOString());

    const scorecard = await request(app)
      .get('/api/stewardship/ownership/scorecard')
      .set('Authorization', bob);
    openApi.assertMatches('CoverageSummary', scorecard.body.summary);
    // Business is ok on checkout (confirmed) and cart (never confirmed).
    expect(scorecard.body.summary.attestations).toEqual({
      business: { current: 1, stale: 0, none: 1 },
      product: { current: 1, stale: 0, none: 0 },
      engineering: { current: 1, stale: 0, none: 0 },
    });
  });

  it('answers 403 naming the permission to someone who neither holds the role nor may attest', async () => {
    audited.length = 0;
    signals.published.length = 0;
    const res = await attest('checkout', { role: 'business' }, joe);
    expect(res.status).toBe(403);
    openApi.assertMatches('Error', res.body);
    expect(res.body.error.message).toBe(
      'Permission stewardship.attestation.create is denied for component:default/checkout, and user:default/joe does not hold its business role (user:default/jane)',
    );
    expect(outcomes(audited)).toEqual([
      { eventId: 'ownership-attestation-create', outcome: 'failed' },
    ]);
    expect(signals.published).toEqual([]);
  });

  it('answers 409 for a role with no owner, 400 naming the field, 404 for an unknown entity', async () => {
    signals.published.length = 0;
    const none = await attest('cart', { role: 'product' }, admin);
    expect(none.status).toBe(409);
    expect(none.body.error.message).toBe(
      'The product role of component:default/cart names no owner in the catalog (missing) to confirm; set stewardship.io/product-owner first',
    );
    // An owner is named, but the role is orphaned: the tab offers Confirm only on an ok role.
    for (const as of [
      admin,
      mockCredentials.user.header('user:default/ghost'),
    ]) {
      audited.length = 0;
      const orphaned = await attest('cart', { role: 'engineering' }, as);
      expect(orphaned.status).toBe(409);
      openApi.assertMatches('Error', orphaned.body);
      expect(orphaned.body.error.message).toBe(
        'The engineering role of component:default/cart is orphaned, not ok, so its owner cannot be confirmed: user:default/ghost belongs to no group; they may have left the organisation.',
      );
      expect(outcomes(audited)).toEqual([
        { eventId: 'ownership-attestation-create', outcome: 'failed' },
      ]);
    }
    expect((await roles('cart'))[2].attestation).toEqual({ state: 'none' });
    for (const body of [{}, { role: 'owner' }, { role: 'business', x: 1 }]) {
      const res = await attest('checkout', body, jane);
      expect(res.status).toBe(400);
      openApi.assertMatches('Error', res.body);
      expect(res.body.error.message).toMatch(/role|additional/);
    }
    expect((await attest('nope', { role: 'business' }, jane)).status).toBe(404);
    expect(signals.published).toEqual([]);
  });
});
