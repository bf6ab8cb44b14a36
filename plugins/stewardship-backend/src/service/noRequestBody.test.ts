/*
 * The no-body check on its own, over a small spec: which operation a request is (a literal path
 * before a templated one, as the router picks), which bodies count, and the query parameters it
 * suggests (from `$ref`s and path-level parameters too).
 */
import express from 'express';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { noRequestBody } from './noRequestBody';

const spec = {
  paths: {
    '/things/{id}': {
      parameters: [
        { name: 'id', in: 'path' },
        { name: 'dryRun', in: 'query' },
      ],
      post: { parameters: [{ $ref: '#/components/parameters/at' }] },
    },
    '/things/special': {
      post: { requestBody: { content: { 'application/json': {} } } },
    },
  },
  components: {
    parameters: { at: { name: 'at', in: 'query' } },
  },
};

function app() {
  const router = express();
  router.use(express.json(), express.text());
  router.use(noRequestBody(spec));
  router.use((_req, res) => {
    res.json({ passed: true });
  });
  // Its InputError as Backstage's error handler answers it.
  router.use(
    (
      error: Error,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res.status(error.name === 'InputError' ? 400 : 500).json({
        error: { name: error.name, message: error.message },
      });
    },
  );
  return router;
}

describe('noRequestBody', () => {
  it('lets a body through to the literal path that takes one, not the template that does not', async () => {
    const res = await request(app()).post('/things/special').send({ a: 1 });
    expect(res.body).toEqual({ passed: true });
  });

  it('refuses a body to the templated operation, naming its query parameters among the keys', async () => {
    const res = await request(app())
      .post('/things/42')
      .send({ id: 42, dryRun: true, at: 'now', colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'POST /things/{id} takes no request body; pass dryRun and at as query parameters (?dryRun=…&at=…)',
    );
  });

  it('counts a text body, an array and an unread body; not `{}`, blank text or none', async () => {
    const sent = [
      await request(app()).post('/things/42').type('text').send('at=now'),
      await request(app()).post('/things/42').send([]),
      await request(app())
        .post('/things/42')
        .type('application/octet-stream')
        .send(Buffer.from('x')),
    ];
    // Chunked, with no length, of a type no parser reads.
    const server = app().listen(0);
    const chunked = await new Promise<number | undefined>(resolve => {
      const req = http.request(
        {
          port: (server.address() as AddressInfo).port,
          method: 'POST',
          path: '/things/42',
          headers: { 'Content-Type': 'application/octet-stream' },
        },
        res => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        },
      );
      req.write('x');
      req.end();
    });
    server.close();
    expect([...sent.map(res => res.status), chunked]).toEqual([
      400, 400, 400, 400,
    ]);
    const passed = [
      await request(app()).post('/things/42').send({}),
      await request(app()).post('/things/42').type('text').send('  '),
      await request(app()).post('/things/42'),
    ];
    expect(passed.map(res => res.body)).toEqual([
      { passed: true },
      { passed: true },
      { passed: true },
    ]);
  });
});
