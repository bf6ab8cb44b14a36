/*
 * Service tokens as an adopter configures them: real auth, real HTTP auth and the real
 * permissions service with `permission.enabled: true`, and two static external-access tokens. The
 * framework allows a service principal whatever its access restrictions list (no policy sees it),
 * so a token restricted to incidents may record incidents and gets 403 on SLOs, while an
 * unrestricted one may do both. This is the documented "may only create incidents" example,
 * against the in-memory catalog and against Backstage's real catalog backend (over HTTP, where a
 * token restricted to `stewardship` cannot be forwarded to the catalog: Stewardship reads it with
 * its own identity for services, see lib/catalogOnBehalfOf). A deploy pipeline's token restricted
 * to `stewardship` reads every route that reads the catalog, the release gate first.
 */
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { component } from '../__testUtils__/entities';
import { sloBodyFor } from '../__testUtils__/sloSpecs';
import { stewardshipPlugin } from '../plugin';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();

const INCIDENT_BOT = 'incident-bot-token-0123456789';
const CI = 'ci-token-0123456789abcdef';
/** A deploy pipeline's token: Stewardship only, for the release gate. */
const PIPELINE = 'pipeline-token-0123456789';

/** The catalog the plugin reads: in memory, or the real catalog backend reading a file. */
const catalogs = {
  'the in-memory catalog': () => ({
    features: [
      catalogServiceMock.factory({ entities: [component('checkout')] }),
    ],
    config: {},
    ingestsInBackground: false,
  }),
  'the real catalog backend': () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stewardship-tokens-'));
    const file = path.join(dir, 'catalog.yaml');
    fs.writeFileSync(file, JSON.stringify(component('checkout')));
    return {
      features: [catalogBackend],
      config: {
        catalog: {
          rules: [{ allow: ['Component'] }],
          locations: [{ type: 'file', target: file }],
        },
      },
      ingestsInBackground: true,
    };
  },
};

describe.each(Object.keys(catalogs) as Array<keyof typeof catalogs>)(
  'static service tokens and their access restrictions, with %s',
  catalogName => {
    it('lets a token restricted to incidents record incidents and nothing else, and one restricted to Stewardship read every route', async () => {
      const catalog = catalogs[catalogName]();
      const { server } = await startTestBackend({
        features: [
          testDatabase,
          stewardshipPlugin,
          authServiceFactory,
          httpAuthServiceFactory,
          permissionsServiceFactory,
          ...catalog.features,
          mockServices.rootConfig.factory({
            data: {
              ...catalog.config,
              permission: { enabled: true },
              backend: {
                auth: {
                  externalAccess: [
                    {
                      type: 'static',
                      options: { token: INCIDENT_BOT, subject: 'incident-bot' },
                      accessRestrictions: [
                        {
                          plugin: 'stewardship',
                          permission: [
                            'stewardship.incident.create',
                            'stewardship.incident.update',
                          ],
                        },
                      ],
                    },
                    { type: 'static', options: { token: CI, subject: 'ci' } },
                    {
                      type: 'static',
                      options: { token: PIPELINE, subject: 'deploy-pipeline' },
                      accessRestrictions: [{ plugin: 'stewardship' }],
                    },
                  ],
                },
              },
              stewardship: {
                metricSources: {
                  prom: { type: 'prometheus', baseUrl: 'http://127.0.0.1:9' },
                },
              },
            },
          }),
        ],
      });
      const slo = (name: string) => sloBodyFor('checkout', name);
      const incident = {
        entityRef: 'checkout',
        title: 'Reported by the bot',
        severity: 'SEV3',
      };
      const as = (token: string) => `Bearer ${token}`;
      if (catalog.ingestsInBackground) {
        await waitForEntity(server, as(CI), 'component/default/checkout');
      }

      const recorded = await request(server)
        .post('/api/stewardship/incidents')
        .set('Authorization', as(INCIDENT_BOT))
        .send(incident);
      expect(recorded.status).toBe(201);
      expect(recorded.body.source).toBe('api');
      const listed = await request(server)
        .get('/api/stewardship/incidents?entity=component:default/checkout')
        .set('Authorization', as(INCIDENT_BOT));
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([
        recorded.body.id,
      ]);

      const refused = await request(server)
        .post('/api/stewardship/slos')
        .set('Authorization', as(INCIDENT_BOT))
        .send(slo('by-bot'));
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        'Permission stewardship.slo.create is denied for component:default/checkout',
      );

      expect(
        (
          await request(server)
            .post('/api/stewardship/slos')
            .set('Authorization', as(CI))
            .send(slo('by-ci'))
        ).status,
      ).toBe(201);
      const list = await request(server)
        .get('/api/stewardship/slos?entityRef=checkout')
        .set('Authorization', as(CI));
      expect(list.body.items.map((s: { name: string }) => s.name)).toEqual([
        'by-ci',
      ]);
      // A deploy pipeline's token restricted to Stewardship reads every route that reads the
      // catalog (Stewardship reads it with its own identity for services).
      for (const route of [
        'entities/component/default/checkout/release-gate',
        'entities/component/default/checkout/ownership',
        'entities/component/default/checkout/slos',
        'entities/component/default/checkout/slos/dependency-ceiling',
        'entities/component/default/checkout/backlog',
        'entities/component/default/checkout/incidents/summary',
        'slos/overview',
        'ownership/scorecard',
      ]) {
        const res = await request(server)
          .get(`/api/stewardship/${route}`)
          .set('Authorization', as(PIPELINE));
        expect({ route, status: res.status }).toEqual({ route, status: 200 });
      }
      // And no token at all is still a 401.
      expect(
        (
          await request(server)
            .post('/api/stewardship/incidents')
            .send(incident)
        ).status,
      ).toBe(401);
    });
  },
);

/** Until the catalog serves the entity (the real catalog ingests its file in the background). */
async function waitForEntity(server: any, authorization: string, name: string) {
  for (const started = Date.now(); Date.now() - started < 30_000; ) {
    const res = await request(server)
      .get(`/api/catalog/entities/by-name/${name}`)
      .set('Authorization', authorization);
    if (res.status === 200) return;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(`${name} never appeared in the catalog`);
}
