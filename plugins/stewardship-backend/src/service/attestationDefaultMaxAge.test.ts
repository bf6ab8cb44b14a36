/*
 * Without `stewardship.ownership.attestation.maxAge` configured, an attestation counts for 90 days:
 * its expiresAt is its attestedAt plus exactly 90 × 24 h, as the attestation response and the
 * ownership route both say. (A configured maxAge is checked in attestationRoutes.test.ts.)
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  ROLE_ANNOTATIONS,
  component,
  group,
  user,
} from '../__testUtils__/entities';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';
import { startStewardshipTestBackend } from '../__testUtils__/stewardshipTestBackend';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();

const jane = mockCredentials.user.header('user:default/jane');

describe('attestation max age by default', () => {
  it('keeps an attestation current for 90 days when no maxAge is configured', async () => {
    const { server } = await startStewardshipTestBackend({
      database: testDatabase,
      entities: [
        component('checkout', {
          annotations: { [ROLE_ANNOTATIONS.business]: 'user:default/jane' },
        }),
        // In a group: an owner in none is orphaned, which cannot be confirmed.
        user('jane', ['group:default/team-a']),
        group('team-a', ['user:default/jane']),
      ],
      // Stewardship config without ownership.attestation.
      config: { stewardship: { ownership: { cacheTtl: '0s' } } },
    });

    const attested = await request(server)
      .post(
        '/api/stewardship/entities/component/default/checkout/ownership/attestations',
      )
      .set('Authorization', jane)
      .send({ role: 'business' });
    expect(attested.status).toBe(201);
    const ninetyDaysMs = 90 * 86_400_000; // 7,776,000,000
    expect(
      Date.parse(attested.body.expiresAt) -
        Date.parse(attested.body.attestedAt),
    ).toBe(ninetyDaysMs);

    const ownership = await request(server)
      .get('/api/stewardship/entities/component/default/checkout/ownership')
      .set('Authorization', jane);
    expect(ownership.status).toBe(200);
    const business = ownership.body.roles.find(
      (r: { role: string }) => r.role === 'business',
    );
    expect(business.attestation).toEqual({
      state: 'current',
      by: 'user:default/jane',
      at: attested.body.attestedAt,
      expiresAt: new Date(
        Date.parse(attested.body.attestedAt) + ninetyDaysMs,
      ).toISOString(),
    });
  });
});
