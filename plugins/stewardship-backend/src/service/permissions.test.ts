/*
 * Every write route asks the permission framework about the entity it touches, with the caller's
 * credentials, and a denial is a 403 naming the permission that changes nothing. The policy here
 * stands in for an app's: jane owns checkout, admins may do everything, services are allowed
 * unless their access restrictions leave the permission out (the framework's own rule for
 * service principals), everyone else is denied.
 */
import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { minimalOpenSlo } from '../__testUtils__/openSlo';
import { component } from '../__testUtils__/entities';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  REFUSING_PROMETHEUS,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';
import { everyoneReadsTheCatalog } from '../__testUtils__/catalogReadPolicy';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();

const jane = mockCredentials.user.header('user:default/jane');
const bob = mockCredentials.user.header('user:default/bob');
const admin = mockCredentials.user.header('user:default/admin');
const ed = mockCredentials.user.header('user:default/ed');
// A service principal (e.g. a CI job's static token). Access restrictions are the framework's to
// enforce (ServerPermissionClient); the policy stand-in below applies them like it does.
const robot = mockCredentials.service.header();

const slo = (name: string) => ({
  entityRef: 'component:default/checkout',
  name,
  sli: {
    type: 'ratio',
    good: 'req_total{code="200"}',
    total: 'req_total',
  },
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '30d' },
  metricSource: 'down',
});

function decide(
  permission: string,
  resourceRef: string | undefined,
  credentials: BackstageCredentials,
): AuthorizeResult.ALLOW | AuthorizeResult.DENY {
  const principal = credentials.principal as
    | BackstageUserPrincipal
    | BackstageServicePrincipal;
  if (principal.type === 'service') {
    const names = principal.accessRestrictions?.permissionNames;
    return !names || names.includes(permission)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  }
  if (principal.userEntityRef === 'user:default/admin') {
    return AuthorizeResult.ALLOW;
  }
  // An editor: may create and change every entity's SLOs, but delete none.
  if (principal.userEntityRef === 'user:default/ed') {
    return permission === 'stewardship.slo.delete'
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW;
  }
  return principal.userEntityRef === 'user:default/jane' &&
    resourceRef === 'component:default/checkout'
    ? AuthorizeResult.ALLOW
    : AuthorizeResult.DENY;
}

describe.each(databases.eachSupportedId())('permissions on %p', databaseId => {
  let app: any;
  const asked: Array<{ permission: string; resourceRef?: string }> = [];

  beforeAll(async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const backend = await startStewardshipTestBackend({
      database: knex,
      permissions: mockServices.permissions.mock({
        authorize: async (requests, { credentials }) =>
          requests.map(r => {
            const resourceRef = (r as { resourceRef?: string }).resourceRef;
            asked.push({ permission: r.permission.name, resourceRef });
            return {
              result: decide(r.permission.name, resourceRef, credentials),
            };
          }),
        ...everyoneReadsTheCatalog,
      }).factory,
      entities: [component('checkout'), component('cart')],
      config: {
        stewardship: {
          metricSources: { down: REFUSING_PROMETHEUS },
        },
      },
    });
    app = backend.server;
  }, 120_000);

  const count = async () =>
    (
      await request(app)
        .get('/api/stewardship/slos?entityRef=checkout')
        .set('Authorization', jane)
    ).body.totalCount;

  const denied = (res: request.Response, permission: string) => {
    expect(res.status).toBe(403);
    openApi.assertMatches('Error', res.body);
    expect(res.body.error.message).toBe(
      `Permission ${permission} is denied for component:default/checkout`,
    );
  };

  it("lets the owner, an admin and a service change an entity's SLOs, and nobody else", async () => {
    asked.length = 0;
    const before = await count();
    denied(
      await request(app)
        .post('/api/stewardship/slos')
        .set('Authorization', bob)
        .send(slo('a')),
      'stewardship.slo.create',
    );
    expect(await count()).toBe(before);
    expect(asked).toEqual([
      {
        permission: 'stewardship.slo.create',
        resourceRef: 'component:default/checkout',
      },
    ]);

    const created = await request(app)
      .post('/api/stewardship/slos')
      .set('Authorization', jane)
      .send(slo('a'));
    expect(created.status).toBe(201);
    const { id, version } = created.body;

    const put = (who: string, name: string) =>
      request(app)
        .put(`/api/stewardship/slos/${id}`)
        .set('Authorization', who)
        .send({ ...slo(name), version });
    denied(await put(bob, 'b'), 'stewardship.slo.update');
    expect(
      (
        await request(app)
          .get(`/api/stewardship/slos/${id}`)
          .set('Authorization', bob)
      ).body.name,
    ).toBe('a');
    expect((await put(admin, 'b')).status).toBe(200);

    denied(
      await request(app)
        .delete(`/api/stewardship/slos/${id}`)
        .set('Authorization', bob),
      'stewardship.slo.delete',
    );
    // A service without restrictions automates (e.g. a CI job cleaning up).
    expect(
      (
        await request(app)
          .delete(`/api/stewardship/slos/${id}`)
          .set('Authorization', robot)
      ).status,
    ).toBe(204);
    expect(await count()).toBe(before);
  });

  it('moves an SLO only for a caller who may delete it where it is and create it where it goes', async () => {
    const created = await request(app)
      .post('/api/stewardship/slos')
      .set('Authorization', jane)
      .send(slo('moving'));
    expect(created.status).toBe(201);
    const { id, version } = created.body;
    const move = (who: string) =>
      request(app)
        .put(`/api/stewardship/slos/${id}`)
        .set('Authorization', who)
        .send({
          ...slo('moving'),
          entityRef: 'component:default/cart',
          version,
        });
    const where = async () =>
      (
        await request(app)
          .get(`/api/stewardship/slos/${id}`)
          .set('Authorization', admin)
      ).body;

    // Jane may do everything on checkout but nothing on cart.
    asked.length = 0;
    const janes = await move(jane);
    expect(janes.status).toBe(403);
    expect(janes.body.error.message).toBe(
      'Permission stewardship.slo.create is denied for component:default/cart',
    );
    // Ed may change SLOs everywhere but delete none: taking it off checkout is a delete there.
    asked.length = 0;
    denied(await move(ed), 'stewardship.slo.delete');
    expect(asked).toEqual([
      {
        permission: 'stewardship.slo.update',
        resourceRef: 'component:default/checkout',
      },
      {
        permission: 'stewardship.slo.delete',
        resourceRef: 'component:default/checkout',
      },
    ]);
    expect(await where()).toMatchObject({
      entityRef: 'component:default/checkout',
      version,
    });

    asked.length = 0;
    const moved = await move(admin);
    expect(moved.status).toBe(200);
    expect(asked).toEqual([
      {
        permission: 'stewardship.slo.update',
        resourceRef: 'component:default/checkout',
      },
      {
        permission: 'stewardship.slo.delete',
        resourceRef: 'component:default/checkout',
      },
      {
        permission: 'stewardship.slo.create',
        resourceRef: 'component:default/cart',
      },
    ]);
    expect(await where()).toMatchObject({
      entityRef: 'component:default/cart',
      version: version + 1,
    });
  });

  it('lets a caller who may not delete change an SLO where it is', async () => {
    const created = await request(app)
      .post('/api/stewardship/slos')
      .set('Authorization', jane)
      .send(slo('edited'));
    asked.length = 0;
    const res = await request(app)
      .put(`/api/stewardship/slos/${created.body.id}`)
      .set('Authorization', ed)
      .send({
        ...slo('edited'),
        objective: 0.95,
        version: created.body.version,
      });
    expect(res.status).toBe(200);
    expect(asked.map(a => a.permission)).toEqual(['stewardship.slo.update']);
  });

  it('answers a create or preview on an entity the caller cannot see as not in the catalog, before asking the permission', async () => {
    // Whether hidden or missing, the same 400: a policy that allows creating on entities it may
    // not show must not tell the two apart (a 403 for one, a 400 for the other).
    asked.length = 0;
    for (const path of [
      '/api/stewardship/slos',
      '/api/stewardship/slos/preview',
    ]) {
      for (const who of [bob, admin]) {
        const res = await request(app)
          .post(path)
          .set('Authorization', who)
          .send({ ...slo('ghostly'), entityRef: 'component:default/ghost' });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(
          'entityRef: component:default/ghost is not in the catalog',
        );
      }
    }
    expect(asked).toEqual([]);
  });

  it('previews an import for anyone who can see the entity, and imports only with the permission', async () => {
    const yaml = minimalOpenSlo({
      name: 'imported',
      service: 'checkout',
      good: 'req_total{code="200"}',
      total: 'req_total',
    });
    const post = (who: string, dryRun: boolean) =>
      request(app)
        .post(
          `/api/stewardship/slos/import?entityRef=checkout&dryRun=${dryRun}`,
        )
        .set('Authorization', who)
        .set('Content-Type', 'application/yaml')
        .send(yaml);
    const before = await count();
    expect((await post(bob, true)).status).toBe(200);
    denied(await post(bob, false), 'stewardship.slo.create');
    expect(await count()).toBe(before);
    expect((await post(jane, false)).status).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('checks on-demand evaluations, and answers a repeat for now from the one just stored', async () => {
    const created = await request(app)
      .post('/api/stewardship/slos')
      .set('Authorization', jane)
      .send(slo('evaluated'));
    const evaluate = (who: string, at?: string) =>
      request(app)
        .post(
          `/api/stewardship/slos/${created.body.id}/evaluate${
            at ? `?at=${at}` : ''
          }`,
        )
        .set('Authorization', who);
    denied(await evaluate(bob), 'stewardship.slo.update');

    const first = await evaluate(jane);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'no-data' });
    const again = await evaluate(jane);
    // The same stored evaluation, not a second one.
    expect(again.body.evaluatedAt).toBe(first.body.evaluatedAt);
    // A past moment (backfilling a history) is a new evaluation.
    const past = await evaluate(
      jane,
      new Date(Date.now() - 3_600_000).toISOString(),
    );
    expect(past.status).toBe(200);
    expect(past.body.at).not.toBe(first.body.at);
  });

  it('lets only those who may update the SLO add or remove its corrections', async () => {
    const created = await request(app)
      .post('/api/stewardship/slos')
      .set('Authorization', jane)
      .send(slo('corrected'));
    const path = `/api/stewardship/slos/${created.body.id}/corrections`;
    const correction = {
      reason: 'Maintenance',
      once: { start: '2026-11-29T10:00:00Z', end: '2026-11-29T11:00:00Z' },
    };
    denied(
      await request(app).post(path).set('Authorization', bob).send(correction),
      'stewardship.slo.update',
    );
    const added = await request(app)
      .post(path)
      .set('Authorization', jane)
      .send(correction);
    expect(added.status).toBe(201);
    denied(
      await request(app)
        .delete(`${path}/${added.body.id}`)
        .set('Authorization', bob),
      'stewardship.slo.update',
    );
    const listed = await request(app).get(path).set('Authorization', bob);
    expect(listed.body.items).toHaveLength(1);
  });

  it('checks SLI previews like creating the SLO', async () => {
    const preview = (who: string) =>
      request(app)
        .post('/api/stewardship/slos/preview')
        .set('Authorization', who)
        .send(slo('previewed'));
    denied(await preview(bob), 'stewardship.slo.create');
    const allowed = await preview(jane);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ sloId: 'preview', status: 'no-data' });
  });

  it("lets only the entity's owners record and change its incidents and action items", async () => {
    const list = async () =>
      (
        await request(app)
          .get('/api/stewardship/incidents?entity=checkout')
          .set('Authorization', admin)
      ).body.totalCount;
    const before = await list();
    const incident = {
      entityRef: 'checkout',
      title: 'Checkout returns 500s',
      severity: 'SEV2',
    };
    denied(
      await request(app)
        .post('/api/stewardship/incidents')
        .set('Authorization', bob)
        .send(incident),
      'stewardship.incident.create',
    );
    expect(await list()).toBe(before);
    const created = await request(app)
      .post('/api/stewardship/incidents')
      .set('Authorization', jane)
      .send(incident);
    expect(created.status).toBe(201);
    const { id, version } = created.body;
    denied(
      await request(app)
        .patch(`/api/stewardship/incidents/${id}`)
        .set('Authorization', bob)
        .send({ version, title: 'Renamed' }),
      'stewardship.incident.update',
    );
    denied(
      await request(app)
        .post(`/api/stewardship/incidents/${id}/action-items`)
        .set('Authorization', bob)
        .send({ title: 'Add a canary' }),
      'stewardship.incident.update',
    );
    const unchanged = await request(app)
      .get(`/api/stewardship/incidents/${id}`)
      .set('Authorization', bob);
    expect(unchanged.body).toMatchObject({
      title: 'Checkout returns 500s',
      version,
      actionItems: [],
    });
    expect(
      (
        await request(app)
          .post(`/api/stewardship/incidents/${id}/action-items`)
          .set('Authorization', jane)
          .send({ title: 'Add a canary' })
      ).status,
    ).toBe(201);
  });

  it('lets only permitted callers override a release gate', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const override = (who: string) =>
      request(app)
        .post(
          '/api/stewardship/entities/component/default/checkout/release-gate/overrides',
        )
        .set('Authorization', who)
        .send({ justification: 'hotfix', expiresAt });
    denied(await override(bob), 'stewardship.release-gate.override');
    expect((await override(jane)).status).toBe(201);
  });
});
