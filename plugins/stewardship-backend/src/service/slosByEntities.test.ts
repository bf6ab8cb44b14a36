/*
 * POST /slos/by-entities: a system's component SLOs in one request. Each entity answers exactly
 * what GET entities/{ref}/slos answers it (null for that route's 404), in the request's order,
 * repeats included; a bad body is a 400 naming the field; the catalog is asked once for all the
 * refs. Through a real backend on every test database, with the catalog's visibility decided per
 * caller (a policy with conditions on catalog reads; the guest may not read `secret`).
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { sloBodyFor } from '../__testUtils__/sloSpecs';
import {
  REFUSING_PROMETHEUS,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';
import {
  CatalogProbe,
  countingCatalog,
  hiddenFrom,
} from '../__testUtils__/countingCatalog';
import { conditionalCatalogReads } from '../__testUtils__/catalogReadPolicy';
import { component, system } from '../__testUtils__/entities';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { tableDigest } from '../__testUtils__/fuzz/tableDigest';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();
const BASE = '/api/stewardship';
const asJane = mockCredentials.user.header('user:default/jane');
const asGuest = mockCredentials.user.header('user:default/guest');
const asService = mockCredentials.service.header();

/** Refs in several spellings, a repeat, an entity without SLOs and one not in the catalog. */
const REFS = [
  'open',
  'Component:Default/SECRET',
  'system:default/shop',
  'empty',
  'ghost',
  'component:default/open',
];

/** The path of GET entities/{ref}/slos for a ref as the batch normalises it. */
function entityPath(ref: string) {
  const full = ref.includes(':') ? ref : `component:default/${ref}`;
  const [kind, rest] = full.toLowerCase().split(':');
  return `/entities/${kind}/${rest}/slos`;
}

describe.each(databases.eachSupportedId())(
  'POST /slos/by-entities on %p',
  databaseId => {
    let app: any;
    let knex: Knex;
    let probe: CatalogProbe;
    /** A moment some SLOs were evaluated as of (a stored past snapshot). */
    let past: string;

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      const counted = countingCatalog(
        [
          component('open'),
          component('secret'),
          component('empty'),
          system('shop'),
        ],
        hiddenFrom('user:default/guest', 'secret'),
      );
      probe = counted.probe;
      const backend = await startStewardshipTestBackend({
        database: knex,
        catalog: counted.catalog,
        permissions: conditionalCatalogReads().factory,
        config: {
          stewardship: {
            metricSources: { prom: REFUSING_PROMETHEUS },
          },
        },
      });
      app = backend.server;
      const create = async (ref: string, name: string) => {
        const res = await request(app)
          .post(`${BASE}/slos`)
          .set('Authorization', asJane)
          .send(sloBodyFor(ref, name));
        if (res.status !== 201) {
          throw new Error(`create: ${JSON.stringify(res.body)}`);
        }
        return res.body;
      };
      const evaluate = async (id: string, at?: string) => {
        const res = await request(app)
          .post(`${BASE}/slos/${id}/evaluate${at ? `?at=${at}` : ''}`)
          .set('Authorization', asJane);
        if (res.status !== 200) {
          throw new Error(`evaluate: ${JSON.stringify(res.body)}`);
        }
      };
      // Created out of name order: each list is ordered by name.
      const latency = await create('open', 'latency');
      const availability = await create('open', 'availability');
      const secret = await create('secret', 'availability');
      await create('system:default/shop', 'availability');
      past = new Date(Date.now() - 5 * 60_000).toISOString();
      await evaluate(availability.id, past);
      await evaluate(availability.id);
      await evaluate(secret.id);
      await evaluate(latency.id, past);
      // Changed since its snapshot: stale now (a newer version), not as of `past`.
      const updated = await request(app)
        .put(`${BASE}/slos/${latency.id}`)
        .set('Authorization', asJane)
        .send({
          ...sloBodyFor('open', 'latency'),
          objective: 0.95,
          version: 1,
        });
      if (updated.status !== 200) {
        throw new Error(`update: ${JSON.stringify(updated.body)}`);
      }
    }, 120_000);

    /** Sends the body with `auth` (`null`: with no credentials at all). */
    const batch = (body: unknown, auth: string | null = asJane) => {
      const req = request(app).post(`${BASE}/slos/by-entities`);
      if (auth !== null) req.set('Authorization', auth);
      return req.send(body as object);
    };

    it.each([
      ['jane', asJane],
      ['the guest', asGuest],
      ['a service', asService],
    ])(
      'answers each ref as GET entities/{ref}/slos answers %s, in order, repeats included',
      async (_who, auth) => {
        for (const at of [undefined, past]) {
          const res = await batch(
            { entityRefs: REFS, ...(at && { at }) },
            auth,
          );
          expect(res.status).toBe(200);
          openApi.assertMatches('SlosByEntities', res.body);
          // As of `at`, else now: one moment for every entity.
          expect(
            Math.abs(Date.parse(res.body.at) - Date.parse(at ?? Date())),
          ).toBeLessThan(at ? 1 : 60_000);

          const singles = [];
          for (const ref of REFS) {
            singles.push(
              await request(app)
                .get(`${BASE}${entityPath(ref)}${at ? `?at=${at}` : ''}`)
                .set('Authorization', auth),
            );
          }
          expect(
            singles.filter(single => ![200, 404].includes(single.status)),
          ).toEqual([]);
          // Each GET answers as of its own now without `at`: the batch's moment stands in.
          expect(res.body.items).toEqual(
            singles.map(single =>
              single.status === 404
                ? null
                : { ...single.body, at: at ? single.body.at : res.body.at },
            ),
          );
        }
      },
    );

    it('says what each entity has, for the caller: null for hidden and unknown ones', async () => {
      const summary = (body: any) =>
        body.items.map(
          (entity: any) =>
            entity && [
              entity.entityRef,
              entity.items.map((i: any) => [
                i.slo.name,
                i.evaluation?.status ?? null,
                i.stale,
              ]),
            ],
        );
      const open = [
        'component:default/open',
        [
          ['availability', 'no-data', false],
          // Its snapshot (as of `past`) is of the version before its change.
          ['latency', 'no-data', true],
        ],
      ];
      const secret = [
        'component:default/secret',
        [['availability', 'no-data', false]],
      ];
      const shop = ['system:default/shop', [['availability', null, true]]];
      const empty = ['component:default/empty', []];

      const jane = await batch({ entityRefs: REFS });
      expect(summary(jane.body)).toEqual([
        open,
        secret,
        shop,
        empty,
        null,
        open,
      ]);
      const guest = await batch({ entityRefs: REFS }, asGuest);
      expect(summary(guest.body)).toEqual([
        open,
        null,
        shop,
        empty,
        null,
        open,
      ]);
      // As of `past`: only what was stored by then, each as fresh as it was then.
      const then = await batch({ entityRefs: ['open'], at: past });
      expect(summary(then.body)).toEqual([
        [
          'component:default/open',
          [
            ['availability', 'no-data', false],
            ['latency', 'no-data', false],
          ],
        ],
      ]);
    });

    it('asks the catalog once for all the refs', async () => {
      const before = { refs: probe.refsReads, single: probe.entityReads };
      const res = await batch({ entityRefs: REFS }, asGuest);
      expect(res.status).toBe(200);
      expect({
        refs: probe.refsReads - before.refs,
        single: probe.entityReads - before.single,
      }).toEqual({ refs: 1, single: 0 });
    });

    it.each([
      ['no refs', { entityRefs: [] }, 'entityRefs'],
      [
        '101 refs',
        { entityRefs: Array.from({ length: 101 }, (_, i) => `c${i}`) },
        'entityRefs',
      ],
      ['no list', {}, 'entityRefs'],
      [
        'a ref that is no entity ref',
        { entityRefs: ['open', 'empty', 'shop', 'a b'] },
        'Invalid request body "entityRefs/3": "a b" is not an entity ref',
      ],
      ['a ref too long', { entityRefs: ['x'.repeat(256)] }, 'entityRefs/0'],
      [
        'a date that is none',
        { entityRefs: ['open'], at: '2026-02-30T00:00:00Z' },
        'request/body/at',
      ],
      [
        'a moment before 1970',
        { entityRefs: ['open'], at: '1969-12-31T23:59:59Z' },
        'Invalid request body "at": "1969-12-31T23:59:59Z" is not a date-time from 1970 on',
      ],
      [
        'a moment in the future',
        {
          entityRefs: ['open'],
          at: new Date(Date.now() + 86_400_000).toISOString(),
        },
        'Invalid request body "at": must not be in the future',
      ],
      [
        'an unknown field',
        { entityRefs: ['open'], limit: 5 },
        'must not have the field "limit" (it takes "entityRefs", "at")',
      ],
    ])(
      'answers 400 for %s, naming the field, and changes nothing',
      async (_what, body, message) => {
        const digest = await tableDigest(knex);
        const res = await batch(body);
        expect(res.status).toBe(400);
        openApi.assertMatches('Error', res.body);
        expect(res.body.error.message).toContain(message);
        expect(await tableDigest(knex)).toBe(digest);
      },
    );

    it('answers 401 without credentials', async () => {
      const res = await batch({ entityRefs: ['open'] }, null);
      expect(res.status).toBe(401);
      openApi.assertMatches('Error', res.body);
    });
  },
);
