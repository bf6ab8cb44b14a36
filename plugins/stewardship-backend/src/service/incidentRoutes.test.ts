/*
 * The incident API through a real backend on every test database: status codes, 400s naming the
 * field (and storing nothing), optimistic concurrency, action items, filters, and the figures of
 * an entity against values worked out by hand. Response bodies are checked against openapi.yaml.
 */
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { startStewardshipTestBackend } from '../__testUtils__/stewardshipTestBackend';
import { component, group, user } from '../__testUtils__/entities';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();
const asUser = mockCredentials.user.header('user:default/jane');
const asService = mockCredentials.service.header();
const BASE = '/api/stewardship';

/** A moment `minutes` before a fixed point a day ago (whole minutes: exact in every database). */
const DAY_AGO = Math.floor(Date.now() / 60_000) * 60_000 - 86_400_000;
const at = (minutes: number, seconds = 0) =>
  new Date(DAY_AGO + minutes * 60_000 + seconds * 1000).toISOString();

describe.each(databases.eachSupportedId())('incident API on %p', databaseId => {
  let app: any;

  beforeAll(async () => {
    const knex = await databases.init(databaseId as TestDatabaseId);
    const backend = await startStewardshipTestBackend({
      database: knex,
      entities: [
        component('checkout'),
        component('cart'),
        // Only the action item and "as of" tests', so the lists and figures of the others are
        // their own.
        component('wishlist'),
        group('payments', []),
        user('noah.davis', []),
      ],
      scheduler: mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    });
    app = backend.server;
  });

  const post = (path: string, body: object, auth = asUser) =>
    request(app).post(`${BASE}${path}`).set('Authorization', auth).send(body);
  const patch = (path: string, body: object) =>
    request(app)
      .patch(`${BASE}${path}`)
      .set('Authorization', asUser)
      .send(body);
  const get = (path: string) =>
    request(app).get(`${BASE}${path}`).set('Authorization', asUser);
  const count = async () => (await get('/incidents')).body.totalCount;

  it('refuses every incident route without credentials', async () => {
    const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const responses = await Promise.all([
      request(app).get(`${BASE}/incidents`),
      request(app).post(`${BASE}/incidents`).send({}),
      request(app).get(`${BASE}/incidents/${id}`),
      request(app).patch(`${BASE}/incidents/${id}`).send({ version: 1 }),
      request(app).post(`${BASE}/incidents/${id}/action-items`).send({}),
      request(app)
        .patch(`${BASE}/incidents/${id}/action-items/${id}`)
        .send({ title: 'x' }),
      request(app).get(
        `${BASE}/entities/component/default/checkout/incidents/summary`,
      ),
    ]);
    expect(responses.map(r => r.status)).toEqual(Array(7).fill(401));
  });

  it('records an incident with defaults, normalised refs and a timeline', async () => {
    const res = await post('/incidents', {
      entityRef: 'Checkout',
      affectedEntityRefs: ['cart', 'component:default/CART'],
      title: 'Checkout returns 500s',
      severity: 'SEV2',
      startedAt: at(0),
      detectedAt: at(5),
    });
    expect(res.status).toBe(201);
    openApi.assertMatches('Incident', res.body);
    expect(res.body).toMatchObject({
      version: 1,
      entityRef: 'component:default/checkout',
      affectedEntityRefs: ['component:default/cart'],
      status: 'triggered',
      statusChangedAt: at(5),
      detectedAt: at(5),
      source: 'manual',
      fireDrill: false,
    });
    const read = await get(`/incidents/${res.body.id}`);
    expect(read.status).toBe(200);
    openApi.assertMatches('Incident', read.body);
    expect(read.body.timeline).toEqual([
      expect.objectContaining({
        type: 'created',
        actor: 'user:default/jane',
        status: 'triggered',
      }),
    ]);
    expect(read.body.actionItems).toEqual([]);

    const fromTool = await post(
      '/incidents',
      {
        entityRef: 'cart',
        title: 'From a tool',
        severity: 'SEV4',
        externalId: 'T-1',
      },
      asService,
    );
    expect(fromTool.body).toMatchObject({ source: 'api', externalId: 'T-1' });
    const again = await post(
      '/incidents',
      {
        entityRef: 'cart',
        title: 'Again',
        severity: 'SEV4',
        externalId: 'T-1',
      },
      asService,
    );
    expect(again.status).toBe(409);
  });

  it('reads an incident as of a moment since it started, and refuses, naming "at", any other', async () => {
    const created = await post('/incidents', {
      entityRef: 'wishlist',
      title: 'Wishlist empties itself',
      severity: 'SEV3',
      startedAt: at(10),
    });
    expect(created.status).toBe(201);
    const { id } = created.body;
    const asOf = (moment: string) =>
      get(`/incidents/${id}?at=${encodeURIComponent(moment)}`);

    const then = await asOf(at(20));
    expect(then.status).toBe(200);
    openApi.assertMatches('Incident', then.body);
    expect(then.body).toMatchObject({
      id,
      version: 1,
      title: 'Wishlist empties itself',
    });

    const refused = await Promise.all([
      asOf(at(9, 59)),
      asOf(new Date(Date.now() + 3_600_000).toISOString()),
      asOf('yesterday'),
    ]);
    expect(refused.map(r => r.status)).toEqual([400, 400, 400]);
    for (const res of refused) openApi.assertMatches('Error', res.body);
    expect(refused.map(r => r.body.error.message)).toEqual([
      `Invalid query parameter "at": the incident started at ${at(
        10,
      )}, after that moment`,
      'Invalid query parameter "at": must not be in the future',
      expect.stringMatching(/^request\/query\/at must be an ISO 8601 date/),
    ]);
  });

  it("lets only a tool record as `api`, so a person cannot take a tool's external id first", async () => {
    const stored = async () =>
      (await get('/incidents?limit=500')).body.totalCount;
    const before = await stored();
    const squat = await post('/incidents', {
      entityRef: 'checkout',
      title: 'Squatting a tool id',
      severity: 'SEV4',
      source: 'api',
      externalId: 'OG-42',
    });
    expect(squat.status).toBe(400);
    expect(squat.body.error).toMatchObject({
      name: 'InputError',
      message:
        'source: "api" is for incidents recorded by a tool with service credentials; an incident recorded by a person is "manual"',
    });
    expect(await stored()).toBe(before);
    // A person's own id lives under `manual`; the tool's, sent later, is not refused.
    const byHand = await post('/incidents', {
      entityRef: 'checkout',
      title: 'Recorded by hand',
      severity: 'SEV4',
      source: 'manual',
      externalId: 'OG-42',
    });
    expect(byHand.body).toMatchObject({
      source: 'manual',
      externalId: 'OG-42',
    });
    const byTool = await post(
      '/incidents',
      {
        entityRef: 'checkout',
        title: 'The real one',
        severity: 'SEV1',
        externalId: 'OG-42',
      },
      asService,
    );
    expect(byTool.status).toBe(201);
    expect(byTool.body).toMatchObject({ source: 'api', externalId: 'OG-42' });
  });

  it.each([
    [
      'moments out of order',
      {
        detectedAt: at(10),
        acknowledgedAt: at(20),
        resolvedAt: at(15),
        status: 'resolved',
      },
      'resolvedAt (',
    ],
    [
      'a start after detection',
      { startedAt: at(11), detectedAt: at(10) },
      'detectedAt (',
    ],
    [
      'a past incident recorded without its detection, which is then now',
      {
        startedAt: at(10),
        acknowledgedAt: at(20),
        resolvedAt: at(30),
        status: 'resolved',
      },
      '≤ resolvedAt. detectedAt was not given, so it is the moment of recording: give it for an incident recorded after the fact',
    ],
    [
      'a moment of a stage not reached',
      { detectedAt: at(10), resolvedAt: at(15) },
      'resolvedAt must not be set while the status is "triggered"',
    ],
    [
      'a moment in the future',
      { detectedAt: new Date(Date.now() + 3_600_000).toISOString() },
      'detectedAt must not be in the future',
    ],
    [
      'a leap second',
      { detectedAt: '2016-12-31T23:59:60Z' },
      'detectedAt "2016-12-31T23:59:60Z" is not a moment this server can place (a leap second',
    ],
    [
      'a moment before 1970',
      { startedAt: '1969-12-31T23:59:59Z' },
      'startedAt "1969-12-31T23:59:59Z" is not a date-time from 1970 on',
    ],
    [
      'an entity not in the catalog',
      { entityRef: 'ghost' },
      'entityRef: component:default/ghost is not in the catalog',
    ],
    [
      'an affected entity not in the catalog',
      { affectedEntityRefs: ['cart', 'ghost'] },
      'affectedEntityRefs/1: component:default/ghost is not in the catalog',
    ],
    [
      'an SLO that does not exist',
      { affectedSloIds: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'] },
      'affectedSloIds/0: no SLO with id',
    ],
    [
      'a malformed entity ref',
      { entityRef: 'component:default/a b' },
      'entityRef "component:default/a b"',
    ],
    ['an unknown severity', { severity: 'SEV0' }, 'severity'],
    [
      'a control character in the title',
      { title: 'a\u0000b' },
      'title contains the control character U+0000',
    ],
    ['a blank title', { title: '   ' }, 'title must not be blank'],
    [
      'a javascript: postmortem link',
      // eslint-disable-next-line no-script-url -- refusing it is the point
      { postmortemUrl: 'javascript:alert(1)' },
      'postmortemUrl',
    ],
    [
      'a link disguised by a user name',
      { externalUrl: 'https://pagerduty.example.com@evil.example/' },
      'externalUrl is not an http(s) address (without a user name or password)',
    ],
    [
      'an unknown field',
      { colour: 'red' },
      'request/body must not have the field "colour" (it takes "entityRef", ',
    ],
  ])(
    'answers 400 for %s, naming the field, storing nothing',
    async (_, change, message) => {
      const before = await count();
      const res = await post('/incidents', {
        entityRef: 'checkout',
        title: 'Bad',
        severity: 'SEV3',
        ...change,
      });
      expect(res.status).toBe(400);
      openApi.assertMatches('Error', res.body);
      expect(res.body.error.message).toContain(message);
      expect(await count()).toBe(before);
    },
  );

  it('changes an incident only at the version read (409 when stale), with timeline entries', async () => {
    const created = (
      await post('/incidents', {
        entityRef: 'checkout',
        title: 'Slow checkout',
        severity: 'SEV3',
        detectedAt: at(100),
      })
    ).body;
    const acked = await patch(`/incidents/${created.id}`, {
      version: 1,
      status: 'acknowledged',
      acknowledgedAt: at(102),
      severity: 'SEV2',
      note: 'Looking at the database',
    });
    expect(acked.status).toBe(200);
    openApi.assertMatches('Incident', acked.body);
    expect(acked.body).toMatchObject({
      version: 2,
      status: 'acknowledged',
      acknowledgedAt: at(102),
      severity: 'SEV2',
    });
    expect(acked.body.timeline.map((t: any) => t.type)).toEqual([
      'created',
      'status',
      'updated',
      'note',
    ]);

    const stale = await patch(`/incidents/${created.id}`, {
      version: 1,
      title: 'Lost update',
    });
    expect(stale.status).toBe(409);
    openApi.assertMatches('Error', stale.body);
    expect(stale.body.error.message).toBe(
      `Incident ${created.id} is at version 2, not 1: it changed since you read it; read it again and retry`,
    );
    expect((await get(`/incidents/${created.id}`)).body).toMatchObject({
      version: 2,
      title: 'Slow checkout',
    });

    const resolved = await patch(`/incidents/${created.id}`, {
      version: 2,
      status: 'resolved',
    });
    expect(resolved.body).toMatchObject({ version: 3, status: 'resolved' });
    expect(resolved.body.resolvedAt).toBeDefined();

    // Reopening keeps no resolvedAt: the client says so explicitly.
    const reopenBad = await patch(`/incidents/${created.id}`, {
      version: 3,
      status: 'triggered',
    });
    expect(reopenBad.status).toBe(400);
    expect(reopenBad.body.error.message).toContain(
      'acknowledgedAt must not be set',
    );
    const reopened = await patch(`/incidents/${created.id}`, {
      version: 3,
      status: 'triggered',
      acknowledgedAt: null,
      resolvedAt: null,
    });
    expect(reopened.body).toMatchObject({ version: 4, status: 'triggered' });
    expect(reopened.body.resolvedAt).toBeUndefined();

    const late = await patch(`/incidents/${created.id}`, {
      version: 4,
      startedAt: at(101),
    });
    expect(late.status).toBe(400);
    expect(late.body.error.message).toContain('detectedAt (');

    const missing = await patch(
      '/incidents/7c9e6679-7425-40de-944b-e07fc1f90ae7',
      { version: 1, title: 'x' },
    );
    expect(missing.status).toBe(404);
  });

  it('adds and changes action items', async () => {
    const incident = (
      await post('/incidents', {
        entityRef: 'cart',
        title: 'Cart lost items',
        severity: 'SEV1',
      })
    ).body;
    const item = await post(`/incidents/${incident.id}/action-items`, {
      title: 'Add a canary',
      ownerRef: 'payments',
      dueDate: '2026-12-31',
    });
    expect(item.status).toBe(201);
    openApi.assertMatches('ActionItem', item.body);
    expect(item.body).toMatchObject({
      ownerRef: 'group:default/payments',
      status: 'open',
      incidentId: incident.id,
    });
    const done = await patch(
      `/incidents/${incident.id}/action-items/${item.body.id}`,
      {
        status: 'done',
        link: 'https://tickets.example.com/OPS-1',
        dueDate: null,
      },
    );
    expect(done.status).toBe(200);
    openApi.assertMatches('ActionItem', done.body);
    expect(done.body).toMatchObject({
      status: 'done',
      link: 'https://tickets.example.com/OPS-1',
    });
    expect(done.body.dueDate).toBeUndefined();

    const read = (await get(`/incidents/${incident.id}`)).body;
    expect(read.actionItems).toEqual([done.body]);
    expect(read.version).toBe(1);

    const badOwner = await post(`/incidents/${incident.id}/action-items`, {
      title: 'x',
      ownerRef: 'component:default/cart',
    });
    expect(badOwner.status).toBe(400);
    expect(badOwner.body.error.message).toContain(
      'ownerRef must name a user or a group',
    );
    const unknownOwner = await post(`/incidents/${incident.id}/action-items`, {
      title: 'x',
      ownerRef: 'user:default/nobody',
    });
    expect(unknownOwner.status).toBe(400);
    expect(unknownOwner.body.error.message).toBe(
      'ownerRef: user:default/nobody is not in the catalog',
    );
    expect((await get(`/incidents/${incident.id}`)).body.actionItems).toEqual(
      read.actionItems,
    );
    const badDate = await post(`/incidents/${incident.id}/action-items`, {
      title: 'x',
      dueDate: '2026-02-30',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toContain('dueDate');
    expect(
      (await get(`/incidents/${incident.id}`)).body.actionItems,
    ).toHaveLength(1);
    const unknown = await patch(
      `/incidents/${incident.id}/action-items/7c9e6679-7425-40de-944b-e07fc1f90ae7`,
      { status: 'done' },
    );
    expect(unknown.status).toBe(404);
  });

  it('bounds due dates to 1970 on and takes a bare owner name for a user when no group has it', async () => {
    const incident = (
      await post('/incidents', {
        entityRef: 'wishlist',
        title: 'Wishlist slow',
        severity: 'SEV3',
      })
    ).body;
    const actionItems = async () =>
      (await get(`/incidents/${incident.id}`)).body.actionItems;

    const ancient = await post(`/incidents/${incident.id}/action-items`, {
      title: 'Add a canary',
      dueDate: '0000-01-01',
    });
    expect(ancient.status).toBe(400);
    expect(ancient.body.error.message).toBe(
      'dueDate "0000-01-01" is not a date from 1970 on',
    );
    expect(await actionItems()).toEqual([]);

    const item = await post(`/incidents/${incident.id}/action-items`, {
      title: 'Add a canary',
      ownerRef: 'noah.davis',
      dueDate: '1970-01-01',
    });
    expect(item.status).toBe(201);
    openApi.assertMatches('ActionItem', item.body);
    expect(item.body).toMatchObject({
      ownerRef: 'user:default/noah.davis',
      dueDate: '1970-01-01',
    });

    const moved = await patch(
      `/incidents/${incident.id}/action-items/${item.body.id}`,
      { dueDate: '1969-12-31', status: 'done' },
    );
    expect(moved.status).toBe(400);
    expect(moved.body.error.message).toBe(
      'dueDate "1969-12-31" is not a date from 1970 on',
    );
    expect(await actionItems()).toEqual([item.body]);

    const nobody = await post(`/incidents/${incident.id}/action-items`, {
      title: 'x',
      ownerRef: 'nobody',
    });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.message).toBe(
      'ownerRef: neither group:default/nobody nor user:default/nobody is in the catalog',
    );
  });

  it('lists with filters and paging', async () => {
    const res = await get('/incidents?entity=cart&severity=SEV1&limit=1');
    expect(res.status).toBe(200);
    openApi.assertMatches('IncidentList', res.body);
    expect(res.body).toMatchObject({ totalCount: 1, offset: 0, limit: 1 });
    expect(res.body.items[0].timeline).toBeUndefined();
    const drills = await get('/incidents?fireDrill=true');
    expect(drills.body.totalCount).toBe(0);
    const range = await get(
      `/incidents?from=${encodeURIComponent(at(99))}&to=${encodeURIComponent(
        at(101),
      )}`,
    );
    expect(range.body.items.map((i: any) => i.title)).toEqual([
      'Slow checkout',
    ]);
    const backwards = await get(
      `/incidents?from=${encodeURIComponent(at(2))}&to=${encodeURIComponent(
        at(1),
      )}`,
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toContain('"from"');
    const badEntity = await get('/incidents?entity=a%20b');
    expect(badEntity.status).toBe(400);
    expect(badEntity.body.error.message).toContain('entity');
  });

  it('sums up an entity against figures worked out by hand', async () => {
    // cart already has "From a tool" (SEV4, open) and "Cart lost items" (SEV1, open).
    // Two resolved SEV2s: A acknowledged after 60 s, resolved after 600 s;
    // B acknowledged after 180 s, mitigated after 900 s, resolved after 1800 s, started 120 s before detection.
    const created = [
      { detectedAt: at(200), acknowledgedAt: at(201), resolvedAt: at(210) },
      {
        startedAt: at(298),
        detectedAt: at(300),
        acknowledgedAt: at(303),
        mitigatedAt: at(315),
        resolvedAt: at(330),
      },
      // A SEV2 fire drill: acknowledged after 30 s; never in the real figures.
      {
        detectedAt: at(400),
        acknowledgedAt: at(400, 30),
        resolvedAt: at(405),
        fireDrill: true,
      },
    ];
    for (const times of created) {
      const res = await post('/incidents', {
        entityRef: 'cart',
        title: 'Payment provider timeouts',
        severity: 'SEV2',
        status: 'resolved',
        ...times,
      });
      expect(res.status).toBe(201);
    }
    const res = await get('/entities/component/default/CART/incidents/summary');
    expect(res.status).toBe(200);
    openApi.assertMatches('IncidentSummary', res.body);
    const sev2 = res.body.incidents.bySeverity.find(
      (s: any) => s.severity === 'SEV2',
    );
    // MTTA: 60 s and 180 s → median (60 + 180) / 2 = 120, mean 120.
    expect(sev2.mtta).toMatchObject({
      n: 2,
      medianSeconds: 120,
      meanSeconds: 120,
    });
    // MTTR: 600 s and 1800 s → median = mean = (600 + 1800) / 2 = 1200.
    expect(sev2.mttr).toMatchObject({
      n: 2,
      medianSeconds: 1200,
      meanSeconds: 1200,
    });
    // MTTM: B only, 900 s. MTTD: B only, 120 s.
    expect(sev2.mttm).toMatchObject({
      n: 1,
      medianSeconds: 900,
      meanSeconds: 900,
    });
    expect(sev2.mttd).toMatchObject({
      n: 1,
      medianSeconds: 120,
      meanSeconds: 120,
    });
    expect(sev2).toMatchObject({ count: 2, open: 0 });
    // All real incidents: the two SEV2s, the open SEV1 and the open SEV4.
    expect(res.body.incidents.all).toMatchObject({ count: 4, open: 2 });
    expect(res.body.fireDrills.all).toMatchObject({
      count: 1,
      mtta: { n: 1, medianSeconds: 30, meanSeconds: 30 },
    });
    // The default period is the 90 days up to now.
    expect(Date.parse(res.body.to) - Date.parse(res.body.from)).toBe(
      90 * 86_400_000,
    );

    // A period holding only A: detected at minute 200.
    const onlyA = await get(
      `/entities/component/default/cart/incidents/summary?from=${encodeURIComponent(
        at(199),
      )}&to=${encodeURIComponent(at(250))}`,
    );
    expect(onlyA.body.incidents.all).toMatchObject({
      count: 1,
      mttr: { n: 1, medianSeconds: 600, meanSeconds: 600 },
    });

    expect(
      (await get('/entities/component/default/ghost/incidents/summary')).status,
    ).toBe(404);
    const backwards = await get(
      `/entities/component/default/cart/incidents/summary?from=${encodeURIComponent(
        at(2),
      )}&to=${encodeURIComponent(at(1))}`,
    );
    expect(backwards.status).toBe(400);
  });
});
