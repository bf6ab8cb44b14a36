/*
 * A permission policy with conditions on catalog reads ("users read only what they own"), end to
 * end with Backstage's real parts: the catalog backend ingesting a file, the permission backend
 * with the policy, and this plugin. The policy's conditional answer reaches Stewardship, which
 * has the catalog apply it with the user's credentials, so a user's SLO reads show exactly what
 * the catalog shows them: their own entity's SLOs, a 404 for the other's, lists without it, and
 * a scorecard of their own.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import request from 'supertest';
import { startRealCatalogBackend } from '../__testUtils__/realCatalogBackend';
import { sloBodyFor } from '../__testUtils__/sloSpecs';
import { inMemoryDatabaseFactory } from '../__testUtils__/testDatabases';

/** Each backend's plugins get their own in-memory database, closed after the tests. */
const testDatabase = inMemoryDatabaseFactory();

const SERVICE_TOKEN = 'conditional-policy-test-token-0123';
const service = `Bearer ${SERVICE_TOKEN}`;

/** Users read the catalog entities they own; everything else is allowed. */
const ownersReadPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'owners-read',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy({
          async handle(query, user) {
            if (
              user &&
              isPermission(query.permission, catalogEntityReadPermission)
            ) {
              const { ownershipEntityRefs } = await userInfo.getUserInfo(
                user.credentials,
              );
              return createCatalogConditionalDecision(
                query.permission,
                catalogConditions.isEntityOwner({
                  claims: ownershipEntityRefs,
                }),
              );
            }
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

const component = (name: string, owner: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
  spec: { type: 'service', lifecycle: 'production', owner },
});

describe('a conditional catalog read policy, with the real catalog and permission backends', () => {
  it('shows a user the SLOs of the entities the catalog shows them, and nothing of the others', async () => {
    const { server } = await startRealCatalogBackend({
      database: testDatabase,
      policy: ownersReadPolicy,
      entities: [
        component('mine', 'user:default/jane'),
        component('theirs', 'user:default/bob'),
      ],
      kinds: ['Component'],
      serviceToken: SERVICE_TOKEN,
    });

    // The catalog ingests in the background; wait until it serves both (to a service).
    for (const started = Date.now(); ; ) {
      const res = await request(server)
        .get('/api/catalog/entities/by-query?filter=kind=component')
        .set('Authorization', service);
      if (res.body.items?.length === 2) break;
      if (Date.now() - started > 30_000) throw new Error('catalog not ready');
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    const signIn = await request(server)
      .get('/api/auth/guest/refresh')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(signIn.status).toBe(200);
    const jane = `Bearer ${signIn.body.backstageIdentity.token}`;
    // The catalog itself shows jane only her entity.
    const janeSees = await request(server)
      .get('/api/catalog/entities/by-query?filter=kind=component')
      .set('Authorization', jane);
    expect(
      janeSees.body.items.map(
        (e: { metadata: { name: string } }) => e.metadata.name,
      ),
    ).toEqual(['mine']);

    const ids: Record<string, string> = {};
    for (const name of ['mine', 'theirs']) {
      const created = await request(server)
        .post('/api/stewardship/slos')
        .set('Authorization', service)
        .send(sloBodyFor(`component:default/${name}`));
      expect(created.status).toBe(201);
      ids[name] = created.body.id;
    }

    const asJane = (route: string) =>
      request(server)
        .get(`/api/stewardship/${route}`)
        .set('Authorization', jane);

    expect(
      (await asJane('entities/component/default/mine/slos')).body.items,
    ).toHaveLength(1);
    expect(
      (await asJane('entities/component/default/theirs/slos')).status,
    ).toBe(404);
    expect((await asJane(`slos/${ids.mine}`)).status).toBe(200);
    expect((await asJane(`slos/${ids.theirs}`)).status).toBe(404);
    expect((await asJane(`slos/${ids.theirs}/history`)).status).toBe(404);
    const list = await asJane('slos');
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([
      ids.mine,
    ]);
    expect(list.body.totalCount).toBe(1);

    // A service sees both, in the SLO list and on the scorecard.
    const all = await request(server)
      .get('/api/stewardship/slos')
      .set('Authorization', service);
    expect(all.body.totalCount).toBe(2);
    const serviceScorecard = await request(server)
      .get('/api/stewardship/ownership/scorecard')
      .set('Authorization', service);
    expect(serviceScorecard.body.summary.entities).toBe(2);
    // Jane's scorecard is her own, read with her credentials: not the service's cached one.
    const janeScorecard = await asJane('ownership/scorecard');
    expect(janeScorecard.body.summary.entities).toBe(1);
  });
});
