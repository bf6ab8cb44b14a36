/*
 * SLO reads and writes follow the catalog's visibility, decided with the caller's credentials (here a policy
 * with conditions on catalog reads, so the catalog decides): a caller who may not read an entity gets the same 404 for its SLOs as for SLOs that do not exist, and lists
 * leave them out (and do not count them). Through a real backend on every test database.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { sloBodyFor } from '../__testUtils__/sloSpecs';
import {
  REFUSING_PROMETHEUS,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';
import { countingCatalog, hiddenFrom } from '../__testUtils__/countingCatalog';
import { conditionalCatalogReads } from '../__testUtils__/catalogReadPolicy';
import { component } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();
const asJane = mockCredentials.user.header('user:default/jane');
// Guest may read every entity but 'secret' (as a catalog permission policy could decide).
const asGuest = mockCredentials.user.header('user:default/guest');

describe.each(databases.eachSupportedId())(
  'SLO reads and catalog visibility on %p',
  databaseId => {
    let app: any;
    let secretId: string;
    let openId: string;

    beforeAll(async () => {
      const { catalog } = countingCatalog(
        [component('open'), component('secret')],
        hiddenFrom('user:default/guest', 'secret'),
      );
      const backend = await startStewardshipTestBackend({
        database: await databases.init(databaseId as TestDatabaseId),
        catalog,
        permissions: conditionalCatalogReads().factory,
        config: {
          stewardship: {
            // Never queried: every read here answers from the store.
            metricSources: { prom: REFUSING_PROMETHEUS },
          },
        },
      });
      app = backend.server;
      const created = [];
      for (const ref of [
        'component:default/open',
        'component:default/secret',
      ]) {
        const res = await request(app)
          .post('/api/stewardship/slos')
          .set('Authorization', asJane)
          .send(sloBodyFor(ref));
        if (res.status !== 201) {
          throw new Error(`create: ${JSON.stringify(res.body)}`);
        }
        created.push(res.body.id);
      }
      [openId, secretId] = created;
    }, 120_000);

    it.each([
      '',
      '/status',
      '/snapshot',
      '/history',
      '/revisions',
      '/corrections',
      '/openslo',
    ])('answers GET slos/{id}%s with 404 for a hidden entity', async suffix => {
      const hidden = await request(app)
        .get(`/api/stewardship/slos/${secretId}${suffix}`)
        .set('Authorization', asGuest);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(`No SLO with id ${secretId}`);
    });

    // Not /status: with no stored snapshot it evaluates, and no metric source answers here.
    it.each(['', '/history', '/revisions', '/corrections', '/openslo'])(
      'answers GET slos/{id}%s with 200 to a caller who may read the entity',
      async suffix => {
        for (const [id, auth] of [
          [secretId, asJane],
          [openId, asGuest],
        ]) {
          const res = await request(app)
            .get(`/api/stewardship/slos/${id}${suffix}`)
            .set('Authorization', auth);
          expect(res.status).toBe(200);
        }
      },
    );

    it('answers GET slos/{id}/snapshot to a caller who may read the entity: none stored yet', async () => {
      for (const [id, auth] of [
        [secretId, asJane],
        [openId, asGuest],
      ]) {
        const res = await request(app)
          .get(`/api/stewardship/slos/${id}/snapshot`)
          .set('Authorization', auth);
        expect(res.status).toBe(404);
        expect(res.body.error.message).toContain(
          `SLO ${id} has no stored evaluation as of`,
        );
      }
    });

    // Writes look the SLO up as reads do: a caller who may not read its entity gets what an
    // unknown id gets (a 404, or the 400 of a body that is wrong whatever the SLO), never a 400 or
    // 403 that would confirm it exists, and nothing changes.
    it.each([
      ['PUT', '', 404, () => ({ ...sloBodyFor('open'), version: 1 })],
      ['PUT', '', 400, () => ({ version: 1 })],
      ['DELETE', '', 404, undefined],
      [
        'POST',
        '/corrections',
        404,
        () => ({
          reason: 'maintenance',
          once: {
            start: '2026-01-01T00:00:00Z',
            end: '2026-01-01T01:00:00Z',
          },
        }),
      ],
      ['POST', '/corrections', 404, () => ({ reason: 'x' })],
      [
        'DELETE',
        '/corrections/7c9e6679-7425-40de-944b-e07fc1f90ae7',
        404,
        undefined,
      ],
      ['POST', '/evaluate', 404, undefined],
    ])(
      'answers %s slos/{id}%s for a hidden entity as for an unknown id (%p) and changes nothing',
      async (method, suffix, status, body) => {
        const before = await request(app)
          .get(`/api/stewardship/slos/${secretId}`)
          .set('Authorization', asJane);
        const send = (id: string) => {
          const path = `/api/stewardship/slos/${id}${suffix}`;
          const req =
            request(app)[method.toLowerCase() as 'put' | 'post' | 'delete'](
              path,
            );
          req.set('Authorization', asGuest);
          return body ? req.send(body()) : req;
        };
        const hidden = await send(secretId);
        const unknownId = '0b7f1c64-9d47-4d8e-9a52-6a3b6c8f9e10';
        const unknown = await send(unknownId);
        expect([hidden.status, unknown.status]).toEqual([status, status]);
        expect(hidden.body.error.message.replace(secretId, '{id}')).toBe(
          unknown.body.error.message.replace(unknownId, '{id}'),
        );
        const after = await request(app)
          .get(`/api/stewardship/slos/${secretId}`)
          .set('Authorization', asJane);
        expect(after.status).toBe(200);
        expect(after.body).toEqual(before.body);
      },
    );

    it.each([
      'from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z',
      'at=2020-01-01T00:00:00Z&to=2021-01-01T00:00:00Z',
    ])(
      'answers a history with a bad range (%s) with 404 for a hidden entity, 400 otherwise',
      async query => {
        const hidden = await request(app)
          .get(`/api/stewardship/slos/${secretId}/history?${query}`)
          .set('Authorization', asGuest);
        expect(hidden.status).toBe(404);
        expect(hidden.body.error.message).toBe(`No SLO with id ${secretId}`);
        const visible = await request(app)
          .get(`/api/stewardship/slos/${openId}/history?${query}`)
          .set('Authorization', asGuest);
        expect(visible.status).toBe(400);
      },
    );

    it('lets an incident name only SLOs the caller can see, and tells a reader nothing of a hidden one', async () => {
      const refused = await request(app)
        .post('/api/stewardship/incidents')
        .set('Authorization', asGuest)
        .send({
          entityRef: 'open',
          title: 'Both down',
          severity: 'SEV2',
          affectedSloIds: [openId, secretId],
        });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe(
        `affectedSloIds/1: no SLO with id ${secretId}`,
      );
      expect(
        (
          await request(app)
            .get('/api/stewardship/incidents?entity=open')
            .set('Authorization', asJane)
        ).body.totalCount,
      ).toBe(0);

      // Jane sees both: the incident names both.
      const created = await request(app)
        .post('/api/stewardship/incidents')
        .set('Authorization', asJane)
        .send({
          entityRef: 'open',
          title: 'Both down',
          severity: 'SEV2',
          affectedSloIds: [openId, secretId],
        });
      expect(created.status).toBe(201);
      const asRead = async (auth: string) =>
        (
          await request(app)
            .get(`/api/stewardship/incidents/${created.body.id}`)
            .set('Authorization', auth)
        ).body;
      const [janeOpen, janeSecret] = (await asRead(asJane)).budgetImpact;
      expect(janeOpen.sloName).toBe('availability');
      expect(janeSecret.sloName).toBe('availability');
      // No source answers here, so both are no-data with the source's reason.
      expect(janeSecret.reason).not.toContain('not visible');

      const guestView = await asRead(asGuest);
      expect(guestView.affectedSloIds).toEqual([openId, secretId]);
      expect(guestView.budgetImpact[0]).toMatchObject({
        sloId: openId,
        sloName: 'availability',
      });
      expect(guestView.budgetImpact[1]).toEqual({
        sloId: secretId,
        status: 'no-data',
        reason: 'its entity is not visible to you in the catalog',
        // Open: its window ends at each read's now.
        incidentWindow: {
          start: janeSecret.incidentWindow.start,
          end: expect.any(String),
        },
        computedAt: expect.any(String),
        stored: false,
      });

      // The guest's edit keeps the SLO it cannot see.
      const edited = await request(app)
        .patch(`/api/stewardship/incidents/${created.body.id}`)
        .set('Authorization', asGuest)
        .send({ version: created.body.version, title: 'Both down, again' });
      expect(edited.status).toBe(200);
      expect(edited.body.affectedSloIds).toEqual([openId, secretId]);
    });

    it('leaves hidden entities out of the SLO list and its total', async () => {
      const guest = await request(app)
        .get('/api/stewardship/slos')
        .set('Authorization', asGuest);
      expect(guest.status).toBe(200);
      expect(guest.body.totalCount).toBe(1);
      expect(guest.body.items.map((s: any) => s.entityRef)).toEqual([
        'component:default/open',
      ]);
      const filtered = await request(app)
        .get('/api/stewardship/slos?entityRef=secret')
        .set('Authorization', asGuest);
      expect(filtered.body).toEqual({ items: [], totalCount: 0 });
      const jane = await request(app)
        .get('/api/stewardship/slos')
        .set('Authorization', asJane);
      expect(jane.body.totalCount).toBe(2);
    });

    it('answers an entity’s SLO list with 404 when the entity is hidden', async () => {
      const hidden = await request(app)
        .get('/api/stewardship/entities/component/default/secret/slos')
        .set('Authorization', asGuest);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(
        'No entity component:default/secret in the catalog',
      );
      const jane = await request(app)
        .get('/api/stewardship/entities/component/default/secret/slos')
        .set('Authorization', asJane);
      expect(jane.status).toBe(200);
      expect(jane.body.items).toHaveLength(1);
    });
  },
);
