/*
 * Request bodies, read before the validated router: a body sent to an operation whose spec has
 * none is a 400 saying so (and to pass its keys as query parameters when they are some), not
 * silently ignored; a body over 1 MB is a 413 and one in a charset the API cannot read a 415, not
 * the validator's 400; malformed JSON stays a 400. Nothing is stored by a refused request. On every
 * test database, through a real backend.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { constantSourceModule } from '../__testUtils__/constantMetricSource';
import { component } from '../__testUtils__/entities';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import {
  FIRST_EVALUATION_IN_AN_HOUR,
  startStewardshipTestBackend,
} from '../__testUtils__/stewardshipTestBackend';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();
const asUser = mockCredentials.user.header('user:default/jane');
const BASE = '/api/stewardship';
const LIMIT = 1024 * 1024;

const sloBody = (name: string) => ({
  entityRef: 'component:default/checkout',
  name,
  sli: { type: 'ratio', good: 'ok', total: 'all' },
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '30d' },
  metricSource: 'steady',
});

describe.each(databases.eachSupportedId())(
  'Request bodies on %p',
  databaseId => {
    let app: any;
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startStewardshipTestBackend({
        database: knex,
        features: [constantSourceModule('constant')],
        entities: [component('checkout')],
        config: {
          stewardship: {
            metricSources: { steady: { type: 'constant', errorsPerMille: 5 } },
            slos: { evaluation: { schedule: FIRST_EVALUATION_IN_AN_HOUR } },
          },
        },
      });
      app = backend.server;
    }, 120_000);

    const createSlo = async (name: string) => {
      const created = await request(app)
        .post(`${BASE}/slos`)
        .set('Authorization', asUser)
        .send(sloBody(name));
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    const snapshotsOf = async (id: string) =>
      Number(
        (
          await knex('slo_snapshots')
            .where({ slo_id: id })
            .count({ n: '*' })
            .first()
        )?.n,
      );
    const sloCount = async () =>
      Number((await knex('slos').count({ n: '*' }).first())?.n);

    const expectError = (
      res: request.Response,
      status: number,
      name: string,
      message: string,
    ) => {
      expect({ status: res.status, ...res.body.error }).toMatchObject({
        status,
        name,
        message,
      });
      openApi.assertMatches('Error', res.body);
    };

    it('refuses a body to evaluate, saying to pass `at` as a query parameter, and stores no snapshot', async () => {
      const id = await createSlo('evaluate-with-body');
      const at = new Date(Date.now() - 3 * 86_400_000).toISOString();
      const res = await request(app)
        .post(`${BASE}/slos/${id}/evaluate`)
        .set('Authorization', asUser)
        .send({ at });
      expectError(
        res,
        400,
        'InputError',
        'POST /slos/{id}/evaluate takes no request body; pass at as a query parameter (?at=…)',
      );
      expect(await snapshotsOf(id)).toBe(0);

      // A body that is no query parameter: the refusal alone.
      const text = await request(app)
        .post(`${BASE}/slos/${id}/evaluate`)
        .set('Authorization', asUser)
        .set('Content-Type', 'text/plain')
        .send('now please');
      expectError(
        text,
        400,
        'InputError',
        'POST /slos/{id}/evaluate takes no request body',
      );
      expect(await snapshotsOf(id)).toBe(0);

      // As a query parameter, as the spec has it: evaluated as of `at`.
      const asQuery = await request(app)
        .post(`${BASE}/slos/${id}/evaluate?at=${at}`)
        .set('Authorization', asUser);
      expect(asQuery.status).toBe(200);
      expect(asQuery.body.at).toBe(at);
      expect(await snapshotsOf(id)).toBe(1);
    });

    it('evaluates without a body, and with an empty one or `{}` as clients send', async () => {
      const id = await createSlo('evaluate-without-body');
      const bare = await request(app)
        .post(`${BASE}/slos/${id}/evaluate`)
        .set('Authorization', asUser);
      expect(bare.status).toBe(200);
      openApi.assertMatches('SloEvaluation', bare.body);
      const empty = await request(app)
        .post(`${BASE}/slos/${id}/evaluate`)
        .set('Authorization', asUser)
        .set('Content-Type', 'application/json')
        .send('');
      expect(empty.status).toBe(200);
      const braces = await request(app)
        .post(`${BASE}/slos/${id}/evaluate`)
        .set('Authorization', asUser)
        .send({});
      expect(braces.status).toBe(200);
      openApi.assertMatches('SloEvaluation', braces.body);
      expect(await snapshotsOf(id)).toBeGreaterThan(0);
    });

    it('names every key that is a query parameter, and refuses a body to a delete, deleting nothing', async () => {
      const list = await request(app)
        .get(`${BASE}/slos`)
        .set('Authorization', asUser)
        .send({ offset: 0, limit: 5, name: 'x' });
      expectError(
        list,
        400,
        'InputError',
        'GET /slos takes no request body; pass offset and limit as query parameters (?offset=…&limit=…)',
      );

      const id = await createSlo('delete-with-body');
      const deleted = await request(app)
        .delete(`${BASE}/slos/${id}`)
        .set('Authorization', asUser)
        .send({ version: 1 });
      expectError(
        deleted,
        400,
        'InputError',
        'DELETE /slos/{id} takes no request body',
      );
      const read = await request(app)
        .get(`${BASE}/slos/${id}`)
        .set('Authorization', asUser);
      expect(read.body).toMatchObject({ id, version: 1 });
    });

    it('answers a large or unreadable body to an operation that takes none with that 400, as the spec lists no 413 or 415 there', async () => {
      const id = await createSlo('delete-with-large-body');
      const sent = [
        await request(app)
          .delete(`${BASE}/slos/${id}`)
          .set('Authorization', asUser)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ padding: 'a'.repeat(LIMIT) })),
        await request(app)
          .delete(`${BASE}/slos/${id}`)
          .set('Authorization', asUser)
          .set('Content-Type', 'application/json; charset=latin1')
          .send('{"version": 1}'),
      ];
      for (const res of sent) {
        expectError(
          res,
          400,
          'InputError',
          'DELETE /slos/{id} takes no request body',
        );
      }
      const read = await request(app)
        .get(`${BASE}/slos/${id}`)
        .set('Authorization', asUser);
      expect(read.status).toBe(200);
      // The spec lists 413 and 415 exactly on the operations that take a body.
      const methods = ['get', 'put', 'post', 'delete', 'patch'];
      for (const [path, item] of Object.entries<any>(openApi.spec.paths)) {
        for (const method of methods.filter(m => item[m])) {
          const { requestBody, responses } = item[method];
          const listed = ['413', '415'].filter(status => responses[status]);
          // The PagerDuty guard reads its webhook's body itself, as JSON only: no 415 there.
          let expected: string[] = [];
          if (requestBody) {
            expected =
              path === '/incidents/webhooks/pagerduty'
                ? ['413']
                : ['413', '415'];
          }
          expect({ route: `${method} ${path}`, listed }).toEqual({
            route: `${method} ${path}`,
            listed: expected,
          });
        }
      }
    });

    it('answers 413 for a JSON or YAML body over 1 MB, storing nothing', async () => {
      const before = await sloCount();
      const big = JSON.stringify({
        ...sloBody('too-big'),
        description: 'a'.repeat(LIMIT),
      });
      const json = await request(app)
        .post(`${BASE}/slos`)
        .set('Authorization', asUser)
        .set('Content-Type', 'application/json')
        .send(big);
      expectError(
        json,
        413,
        'PayloadTooLargeError',
        `Request body is too large: ${Buffer.byteLength(
          big,
        )} bytes, over the limit of 1 MB`,
      );

      const yaml = `# ${'a'.repeat(LIMIT)}\n`;
      const imported = await request(app)
        .post(`${BASE}/slos/import?entityRef=component:default/checkout`)
        .set('Authorization', asUser)
        .set('Content-Type', 'application/yaml')
        .send(yaml);
      expectError(
        imported,
        413,
        'PayloadTooLargeError',
        `Request body is too large: ${Buffer.byteLength(
          yaml,
        )} bytes, over the limit of 1 MB`,
      );
      expect(await sloCount()).toBe(before);
      for (const operation of [
        openApi.spec.paths['/slos'].post,
        openApi.spec.paths['/slos/import'].post,
      ]) {
        expect(operation.responses['413']).toEqual({
          $ref: '#/components/responses/PayloadTooLarge',
        });
      }
    });

    it('answers 415 for a charset it cannot read, storing nothing', async () => {
      const before = await sloCount();
      const json = await request(app)
        .post(`${BASE}/slos`)
        .set('Authorization', asUser)
        .set('Content-Type', 'application/json; charset=latin1')
        .send(JSON.stringify(sloBody('latin1')));
      expectError(
        json,
        415,
        'UnsupportedMediaTypeError',
        'Request body charset "latin1" is not supported; send it as UTF-8',
      );
      const yaml = await request(app)
        .post(`${BASE}/slos/import?entityRef=component:default/checkout`)
        .set('Authorization', asUser)
        .set('Content-Type', 'application/yaml; charset=x-klingon')
        .send('apiVersion: openslo/v1\n');
      expectError(
        yaml,
        415,
        'UnsupportedMediaTypeError',
        'Request body charset "x-klingon" is not supported; send it as UTF-8',
      );
      expect(await sloCount()).toBe(before);
      expect(openApi.spec.paths['/slos'].post.responses['415']).toEqual({
        $ref: '#/components/responses/UnsupportedMediaType',
      });
    });

    it('answers 415 for a body of a type the operation does not take, naming those it does, storing nothing', async () => {
      const before = await sloCount();
      const text = await request(app)
        .post(`${BASE}/slos`)
        .set('Authorization', asUser)
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify(sloBody('as-text')));
      expectError(
        text,
        415,
        'UnsupportedMediaTypeError',
        'POST /slos takes a body of type application/json, not text/plain',
      );
      const json = await request(app)
        .post(`${BASE}/slos/import?entityRef=component:default/checkout`)
        .set('Authorization', asUser)
        .send({ apiVersion: 'openslo/v1' });
      expectError(
        json,
        415,
        'UnsupportedMediaTypeError',
        'POST /slos/import takes a body of type application/yaml, application/x-yaml, text/yaml, text/x-yaml, text/plain, not application/json',
      );
      expect(await sloCount()).toBe(before);
    });

    it('still answers 400 for malformed JSON, and creates from a body under the limit', async () => {
      const bad = await request(app)
        .post(`${BASE}/slos`)
        .set('Authorization', asUser)
        .set('Content-Type', 'application/json')
        .send('{"name": }');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /^Request body is not valid JSON: /,
      );

      const large = await request(app)
        .post(`${BASE}/slos`)
        .set('Authorization', asUser)
        .send({ ...sloBody('large'), description: 'a'.repeat(2000) });
      expect(large.status).toBe(201);
    });
  },
);
