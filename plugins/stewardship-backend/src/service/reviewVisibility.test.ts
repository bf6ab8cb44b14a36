/*
 * The planning review counts an incident's stored budget cost only for SLOs the reader may see:
 * an incident of a visible entity may name an SLO of an entity hidden from them, whose name and
 * cost must not reach them through the review. Through a real backend on every test database.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { sloBodyFor } from '../__testUtils__/sloSpecs';
import {
  REFUSING_PROMETHEUS,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';
import { countingCatalog, hiddenFrom } from '../__testUtils__/countingCatalog';
import { conditionalCatalogReads } from '../__testUtils__/catalogReadPolicy';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from '../database/StewardshipDatabase';

const databases = createTestDatabases();
const asJane = mockCredentials.user.header('user:default/jane');
const asGuest = mockCredentials.user.header('user:default/guest');
const DAY = 86_400_000;

const component = (name: string, system?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-a' },
  relations: system
    ? [{ type: 'partOf', targetRef: `system:default/${system}` }]
    : [],
});

describe.each(databases.eachSupportedId())(
  'planning review and hidden SLOs on %p',
  databaseId => {
    let app: any;

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const { catalog } = countingCatalog(
        [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'System',
            metadata: { name: 'shop', namespace: 'default' },
            spec: { owner: 'group:default/team-a' },
          },
          component('cart', 'shop'),
          component('secret'),
        ],
        hiddenFrom('user:default/guest', 'secret'),
      );
      const backend = await startStewardshipTestBackend({
        database: knex,
        catalog,
        permissions: conditionalCatalogReads().factory,
        config: {
          stewardship: { metricSources: { prom: REFUSING_PROMETHEUS } },
        },
      });
      app = backend.server;
      const ids: string[] = [];
      for (const [ref, name] of [
        ['component:default/cart', 'cart-availability'],
        ['component:default/secret', 'secret-latency'],
      ]) {
        const res = await request(app)
          .post('/api/stewardship/slos')
          .set('Authorization', asJane)
          .send(sloBodyFor(ref, name));
        if (res.status !== 201) throw new Error(JSON.stringify(res.body));
        ids.push(res.body.id);
      }
      const detectedAt = new Date(Date.now() - 2 * DAY).toISOString();
      const resolvedAt = new Date(Date.now() - DAY).toISOString();
      const created = await request(app)
        .post('/api/stewardship/incidents')
        .set('Authorization', asJane)
        .send({
          entityRef: 'cart',
          title: 'Cart and secret down',
          severity: 'SEV2',
          status: 'resolved',
          detectedAt,
          resolvedAt,
          affectedSloIds: ids,
        });
      if (created.status !== 201) throw new Error(JSON.stringify(created.body));
      // What a reachable source would have let the backend store once the incident resolved.
      const db = await StewardshipDatabase.forTest(knex);
      await db.incidents.saveBudgetImpact(
        created.body.id,
        created.body.version,
        ids.map((sloId, i) => ({
          sloId,
          sloName: i === 0 ? 'cart-availability' : 'secret-latency',
          status: 'computed',
          incidentWindow: { start: detectedAt, end: resolvedAt },
          consumedPercent: i === 0 ? 10 : 30,
          computedAt: resolvedAt,
          stored: true,
        })),
      );
    }, 120_000);

    const costs = async (auth: string) => {
      const res = await request(app)
        .get('/api/stewardship/review?scope=system:default/shop')
        .set('Authorization', auth);
      expect(res.status).toBe(200);
      return JSON.stringify(res.body);
    };

    it('counts the cost of an SLO of a hidden entity only for a reader who may see it', async () => {
      const jane = await costs(asJane);
      expect(jane).toContain('cart-availability');
      expect(jane).toContain('secret-latency');
      const guest = await costs(asGuest);
      expect(guest).toContain('cart-availability');
      expect(guest).not.toContain('secret-latency');
    });

    it("counts a deleted SLO's cost for nobody (whose it was is no longer known)", async () => {
      const secret = (
        await request(app)
          .get('/api/stewardship/entities/component/default/secret/slos')
          .set('Authorization', asJane)
      ).body.items[0].slo;
      expect(
        (
          await request(app)
            .delete(`/api/stewardship/slos/${secret.id}`)
            .set('Authorization', asJane)
        ).status,
      ).toBe(204);
      for (const auth of [asJane, asGuest]) {
        const review = await costs(auth);
        expect(review).toContain('cart-availability');
        expect(review).not.toContain('secret-latency');
      }
    });
  },
);
