/*
 * The API's 4xx answers agree with each other, through a real backend on every test database: a
 * future `to` is refused wherever a period ends; a UUID in a path is found in any case; a 429
 * says when to retry in words as well as in `Retry-After`; a ref without its kind's colon is said
 * to name no kind; a request no route takes is a JSON NotFoundError naming it; a body that is not
 * JSON says so; a repeated query parameter and a null body field are said as such; an import's
 * unknown `metricSource` is named as the query parameter. Every refusal
 * changes nothing.
 */
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { component, system } from '../__testUtils__/entities';
import { minimalOpenSlo } from '../__testUtils__/openSlo';
import {
  REFUSING_PROMETHEUS,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { spec } from '../schema/openapi';
import { uuidPathParameterNames } from './uuidPathParameters';

const databases = createTestDatabases();
const asUser = mockCredentials.user.header('user:default/jane');
const BASE = '/api/stewardship';
const HOUR = 3_600_000;

const slo = (name: string) => ({
  entityRef: 'component:default/checkout',
  name,
  sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '30d' },
  metricSource: 'prom',
});

describe('the spec’s UUID path parameters', () => {
  it('are every id in a path, the exemption’s included', () => {
    expect(uuidPathParameterNames(spec)).toEqual([
      'correctionId',
      'exemptionId',
      'id',
      'itemId',
    ]);
  });
});

describe.each(databases.eachSupportedId())(
  'consistent 4xx answers on %p',
  databaseId => {
    let app: any;

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startStewardshipTestBackend({
        database: knex,
        scheduler: mockServices.scheduler.factory({
          skipTaskRunOnStartup: true,
        }),
        entities: [component('checkout', { system: 'shop' }), system('shop')],
        config: {
          stewardship: { metricSources: { prom: REFUSING_PROMETHEUS } },
        },
      });
      app = backend.server;
    });

    const get = (path: string) =>
      request(app).get(`${BASE}${path}`).set('Authorization', asUser);
    const send = (
      method: 'post' | 'patch' | 'put' | 'delete',
      path: string,
      body?: object,
    ) => {
      const req = request(app)[method](`${BASE}${path}`);
      req.set('Authorization', asUser);
      return body ? req.send(body) : req;
    };
    const sendRaw = (method: 'post' | 'patch', path: string, raw: string) =>
      request(app)
        [method](`${BASE}${path}`)
        .set('Authorization', asUser)
        .set('Content-Type', 'application/json')
        .send(raw);
    const incidentCount = async () => (await get('/incidents')).body.totalCount;

    it('refuses a future end of an entity’s incident figures, as the review and an SLO’s history do', async () => {
      const future = new Date(Date.now() + HOUR).toISOString();
      const message = 'Invalid query parameter "to": must not be in the future';
      const summary = await get(
        `/entities/component/default/checkout/incidents/summary?to=${future}`,
      );
      expect(summary.status).toBe(400);
      expect(summary.body.error).toEqual(
        expect.objectContaining({ name: 'InputError', message }),
      );
      const review = await get(
        `/review?scope=system:default/shop&to=${future}`,
      );
      expect(review.status).toBe(400);
      expect(review.body.error.message).toBe(message);

      // A past end is read as before.
      const past = new Date(Date.now() - HOUR).toISOString();
      const read = await get(
        `/entities/component/default/checkout/incidents/summary?to=${past}`,
      );
      expect(read.status).toBe(200);
      expect(read.body.to).toBe(past);
    });

    it('finds an SLO, a correction, an incident, an action item and an exemption by an upper-case UUID', async () => {
      const created = await send('post', '/slos', slo('upper'));
      expect(created.status).toBe(201);
      const id: string = created.body.id;
      const ID = id.toUpperCase();
      expect(ID).not.toBe(id);

      const read = await get(`/slos/${ID}`);
      expect(read.status).toBe(200);
      expect(read.body.id).toBe(id);
      // The `urn:uuid:` form the spec's uuid format accepts too.
      expect((await get(`/slos/urn:uuid:${ID}`)).body.id).toBe(id);

      const correction = await send('post', `/slos/${ID}/corrections`, {
        reason: 'Load test',
        once: {
          start: new Date(Date.now() - 2 * HOUR).toISOString(),
          end: new Date(Date.now() - HOUR).toISOString(),
        },
      });
      expect(correction.status).toBe(201);
      const removed = await send(
        'delete',
        `/slos/${ID}/corrections/${correction.body.id.toUpperCase()}`,
      );
      expect(removed.status).toBe(204);
      expect((await get(`/slos/${id}/corrections`)).body.items).toEqual([]);

      const incident = await send('post', '/incidents', {
        entityRef: 'component:default/checkout',
        title: 'Checkout down',
        severity: 'SEV2',
      });
      expect(incident.status).toBe(201);
      const INCIDENT = incident.body.id.toUpperCase();
      expect((await get(`/incidents/${INCIDENT}`)).body.id).toBe(
        incident.body.id,
      );
      const patched = await send('patch', `/incidents/${INCIDENT}`, {
        version: 1,
        title: 'Checkout slow',
      });
      expect(patched.status).toBe(200);
      expect(patched.body.title).toBe('Checkout slow');
      const item = await send('post', `/incidents/${INCIDENT}/action-items`, {
        title: 'Add a canary',
      });
      expect(item.status).toBe(201);
      const done = await send(
        'patch',
        `/incidents/${INCIDENT}/action-items/${item.body.id.toUpperCase()}`,
        { status: 'done' },
      );
      expect(done.status).toBe(200);
      expect(done.body.status).toBe('done');

      // An SLO id in a body too: stored as the SLO's id, one entry for its two spellings.
      const spent = await send('post', '/incidents', {
        entityRef: 'component:default/checkout',
        title: 'Checkout errors',
        severity: 'SEV3',
        affectedSloIds: [ID],
      });
      expect(spent.status).toBe(201);
      expect(spent.body.affectedSloIds).toEqual([id]);
      const respent = await send('patch', `/incidents/${spent.body.id}`, {
        version: 1,
        affectedSloIds: [`urn:uuid:${ID}`, id],
      });
      expect(respent.status).toBe(200);
      expect(respent.body.affectedSloIds).toEqual([id]);

      const exemptions =
        '/entities/component/default/checkout/ownership/exemptions';
      const exemption = await send('post', exemptions, {
        role: 'engineering',
        reason: 'Team being staffed',
        expiresAt: new Date(Date.now() + 24 * HOUR).toISOString(),
      });
      expect(exemption.status).toBe(201);
      expect(
        (
          await send(
            'delete',
            `${exemptions}/${exemption.body.id.toUpperCase()}`,
          )
        ).status,
      ).toBe(204);
      expect((await get(exemptions)).body.items).toEqual([]);
    });

    it('refuses an exemption id that is no UUID, as every other id', async () => {
      const res = await send(
        'delete',
        '/entities/component/default/checkout/ownership/exemptions/abc',
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'request/params/exemptionId must be a UUID (e.g. 7c9e6679-7425-40de-944b-e07fc1f90ae7)',
      );
    });

    it('says when to retry a preview over the allowance, in the message as in Retry-After', async () => {
      // Previews of a caller, one after another until the allowance is used up (240 by default).
      let res: request.Response | undefined;
      for (let i = 0; i < 300; i++) {
        res = await send('post', '/slos/preview', slo('previewed'));
        if (res.status !== 200) break;
      }
      expect(res!.status).toBe(429);
      const seconds = Number(res!.headers['retry-after']);
      expect(Number.isInteger(seconds) && seconds > 0).toBe(true);
      expect(res!.body.error.name).toBe('TooManyRequestsError');
      expect(res!.body.error.message).toMatch(
        /^You have used your SLI previews/,
      );
      expect(res!.body.error.message.endsWith(` — retry in ${seconds} s`)).toBe(
        true,
      );
    });

    it('says a ref without its kind’s colon names no kind, in a query and in a body', async () => {
      const before = await incidentCount();
      const query = await get('/slos?entityRef=Component/default/checkout');
      expect(query.status).toBe(400);
      expect(query.body.error.message).toBe(
        'Invalid query parameter "entityRef": "Component/default/checkout" is not an entity ref: it names no kind; write kind:namespace/name or just a component name',
      );
      const body = await send('post', '/incidents', {
        entityRef: 'Component/default/checkout',
        title: 'x',
        severity: 'SEV3',
      });
      expect(body.status).toBe(400);
      expect(body.body.error.message).toContain(
        '"Component/default/checkout" is not an entity ref: it names no kind',
      );
      expect(await incidentCount()).toBe(before);
    });

    it('names an import’s unknown metricSource as the query parameter it is', async () => {
      const count = async () =>
        (await get('/slos?entityRef=checkout')).body.items.length;
      const before = await count();
      const yaml = minimalOpenSlo({
        name: 'imported',
        service: 'checkout',
        good: 'ok_total',
        total: 'all_total',
      });
      const refused = await request(app)
        .post(`${BASE}/slos/import?entityRef=checkout&metricSource=nope`)
        .set('Authorization', asUser)
        .set('Content-Type', 'application/yaml')
        .send(yaml);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toBe(
        'Invalid query parameter "metricSource": no metric source "nope" is configured under stewardship.metricSources (configured: prom)',
      );
      expect(await count()).toBe(before);
      // The configured source imports.
      const imported = await request(app)
        .post(`${BASE}/slos/import?entityRef=checkout&metricSource=prom`)
        .set('Authorization', asUser)
        .set('Content-Type', 'application/yaml')
        .send(yaml);
      expect(imported.status).toBe(201);
      expect(await count()).toBe(before + 1);
    });

    it('refuses a filter ref of a kind the filter cannot be, rather than matching nothing', async () => {
      for (const path of ['/ownership/scorecard', '/slos/overview']) {
        const wrongSystem = await get(
          `${path}?system=component:default/checkout`,
        );
        expect(wrongSystem.status).toBe(400);
        expect(wrongSystem.body.error.message).toBe(
          'Invalid query parameter "system": "component:default/checkout" is not a system (its kind is component)',
        );
        const wrongOwner = await get(`${path}?owner=system:default/shop`);
        expect(wrongOwner.status).toBe(400);
        expect(wrongOwner.body.error.message).toBe(
          'Invalid query parameter "owner": "system:default/shop" is not a group or user (its kind is system)',
        );
        // The kinds each filter takes, and a bare name of its kind.
        expect((await get(`${path}?system=shop`)).status).toBe(200);
        expect((await get(`${path}?owner=user:default/jane`)).status).toBe(200);
        expect((await get(`${path}?owner=payments`)).status).toBe(200);
      }
      const wrongDomain = await get(
        '/ownership/scorecard?domain=system:default/shop',
      );
      expect(wrongDomain.status).toBe(400);
      expect(wrongDomain.body.error.message).toBe(
        'Invalid query parameter "domain": "system:default/shop" is not a domain (its kind is system)',
      );
    });

    it('answers a request no route takes with a NotFoundError naming it', async () => {
      const unknown = await get('/foo/bar');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toEqual(
        expect.objectContaining({
          name: 'NotFoundError',
          message: 'No route GET /api/stewardship/foo/bar',
        }),
      );
      const method = await send('delete', '/slos');
      expect(method.status).toBe(404);
      expect(method.body.error.message).toBe(
        'No route DELETE /api/stewardship/slos (the path takes GET, POST)',
      );
      const withId = await send(
        'put',
        `/incidents/${'7c9e6679-7425-40de-944b-e07fc1f90ae7'}`,
      );
      expect(withId.body.error.message).toBe(
        'No route PUT /api/stewardship/incidents/7c9e6679-7425-40de-944b-e07fc1f90ae7 (the path takes GET, PATCH)',
      );
      // Credentials first, as on every route.
      expect((await request(app).get(`${BASE}/foo`)).status).toBe(401);
      // The documented routes, the spec and the webhook (which checks its signature) still answer.
      expect((await get('/metric-sources')).status).toBe(200);
      expect((await get('/openapi.json')).status).toBe(200);
      const webhook = await request(app)
        .post(`${BASE}/incidents/webhooks/pagerduty`)
        .send({});
      expect(webhook.status).toBe(401);
      expect(webhook.body.error.message).toBe(
        'Missing X-PagerDuty-Signature header',
      );
      // Backstage's own routes on the plugin's router (the permission integration's) too.
      const metadata = await get('/.well-known/backstage/permissions/metadata');
      expect(metadata.status).toBe(200);
      expect(metadata.body.permissions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'stewardship.slo.create' }),
        ]),
      );
    });

    it('says a body is not JSON, and changes nothing', async () => {
      const before = await incidentCount();
      const cut = await sendRaw('post', '/incidents', '{"title": ');
      expect(cut.status).toBe(400);
      expect(cut.body.error).toEqual(
        expect.objectContaining({
          name: 'InputError',
          message:
            'Request body is not valid JSON: Unexpected end of JSON input',
        }),
      );
      const token = await sendRaw('post', '/incidents', '{"title": }');
      expect(token.body.error.message).toBe(
        'Request body is not valid JSON: Unexpected token \'}\' near "{"title": }"',
      );
      const single = await sendRaw('post', '/incidents', '42');
      expect(single.status).toBe(400);
      expect(single.body.error.message).toBe(
        'Request body must be a JSON object',
      );
      expect(await incidentCount()).toBe(before);
    });

    it('says a repeated query parameter may be given once, and a null field that it cannot be cleared', async () => {
      const limit = await get('/incidents?limit=1&limit=2');
      expect(limit.status).toBe(400);
      expect(limit.body.error.message).toBe(
        'request/query/limit may be given only once',
      );
      const status = await get('/incidents?status=triggered&status=resolved');
      expect(status.body.error.message).toBe(
        'request/query/status may be given only once',
      );

      const incident = await send('post', '/incidents', {
        entityRef: 'component:default/checkout',
        title: 'Cart down',
        severity: 'SEV3',
      });
      const cleared = await send('patch', `/incidents/${incident.body.id}`, {
        version: 1,
        title: null,
      });
      expect(cleared.status).toBe(400);
      expect(cleared.body.error.message).toBe(
        'request/body/title must be string, not null (it cannot be cleared)',
      );
      expect((await get(`/incidents/${incident.body.id}`)).body).toMatchObject({
        title: 'Cart down',
        version: 1,
      });
    });
  },
);
