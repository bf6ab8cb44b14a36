/*
 * The body contract on its own, over a small spec: which operation a request is (a literal path
 * before a templated one, as the router picks), which bodies count, the query parameters a body
 * to an operation without one is told to be (from `$ref`s and path-level parameters too), and
 * the media types an operation with one takes.
 */
import express from 'express';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { requestBodyContract } from './requestBodyContract';

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
    '/things/import': {
      post: {
        requestBody: {
          content: { 'application/yaml': {}, 'text/plain': {} },
        },
      },
    },
  },
  components: {
    parameters: { at: { name: 'at', in: 'query' } },
  },
};

function app() {
  const router = express();
  router.use(
    requestBodyContract(spec, {
      limit: '1kb',
      textTypes: ['application/yaml', 'text/plain'],
    }),
  );
  // What was read, in a header so that the answers stay comparable.
  router.use((req, res) => {
    res.set('X-Body-Read', JSON.stringify(req.body) ?? 'nothing');
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
      const { statusCode } = error as { statusCode?: number };
      res.status(statusCode ?? (error.name === 'InputError' ? 400 : 500)).json({
        error: { name: error.name, message: error.message },
      });
    },
  );
  return router;
}

describe('requestBodyContract', () => {
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

  it('refuses a body of a media type the operation does not list with a 415 naming those it does', async () => {
    const wrong = await request(app())
      .post('/things/special')
      .type('text')
      .send('{"a": 1}');
    expect({ status: wrong.status, ...wrong.body.error }).toEqual({
      status: 415,
      name: 'UnsupportedMediaTypeError',
      message:
        'POST /things/special takes a body of type application/json, not text/plain',
    });
    const yaml = await request(app())
      .post('/things/import')
      .type('application/json')
      .send({ a: 1 });
    expect(yaml.status).toBe(415);
    expect(yaml.body.error.message).toBe(
      'POST /things/import takes a body of type application/yaml, text/plain, not application/json',
    );
    // A body without a Content-Type (no parser reads it).
    const server = app().listen(0);
    const untyped = await new Promise<string>(resolve => {
      const req = http.request(
        {
          port: (server.address() as AddressInfo).port,
          method: 'POST',
          path: '/things/special',
          headers: { 'Content-Length': 1 },
        },
        res => {
          let text = '';
          res.on('data', chunk => {
            text += chunk;
          });
          res.on('end', () => resolve(`${res.statusCode} ${text}`));
        },
      );
      req.end('x');
    });
    server.close();
    expect(untyped).toBe(
      '415 {"error":{"name":"UnsupportedMediaTypeError","message":"POST /things/special takes a body of type application/json, but the request has no Content-Type"}}',
    );
    // Listed types pass, with parameters (a charset) and any case; no body needs no type.
    const passed = [
      await request(app())
        .post('/things/special')
        .set('Content-Type', 'Application/JSON; charset=utf-8')
        .send('{"a": 1}'),
      await request(app())
        .post('/things/import')
        .type('text/plain')
        .send('a: 1'),
      await request(app()).post('/things/special'),
    ];
    expect(passed.map(res => res.body)).toEqual([
      { passed: true },
      { passed: true },
      { passed: true },
    ]);
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
  it('says a body that does not decompress as its Content-Encoding says', async () => {
    // Sent as bytes: supertest would write a Buffer with a JSON type as JSON.
    const server = app().listen(0);
    const post = (encoding: string, body: Buffer) =>
      new Promise<{ status?: number; text: string; read?: string }>(resolve => {
        const req = http.request(
          {
            port: (server.address() as AddressInfo).port,
            method: 'POST',
            path: '/things/special',
            headers: {
              'Content-Type': 'application/json',
              'Content-Encoding': encoding,
            },
          },
          res => {
            let text = '';
            res.on('data', chunk => {
              text += chunk;
            });
            res.on('end', () =>
              resolve({
                status: res.statusCode,
                text,
                read: res.headers['x-body-read'] as string | undefined,
              }),
            );
          },
        );
        req.end(body);
      });
    const json = '{"a": 1}';
    const answers = [
      await post('gzip', Buffer.from(json)),
      // Cut short.
      await post('gzip', gzipSync(json).subarray(0, 12)),
      await post('deflate', Buffer.from(json)),
    ];
    // Compressed as it says, it is read.
    const gzipped = await post('gzip', gzipSync(json));
    server.close();
    const refused = (encoding: string) => ({
      status: 400,
      message: `Request body is not valid ${encoding} data, though its Content-Encoding says it is; send it ${encoding}-compressed, or uncompressed without Content-Encoding`,
    });
    expect(
      answers.map(({ status, text }) => ({
        status,
        message: JSON.parse(text).error.message,
      })),
    ).toEqual([refused('gzip'), refused('gzip'), refused('deflate')]);
    expect(gzipped.read).toBe('{"a":1}');
  });

  it('reads a body only for an operation that takes one, holding it to the operation limit', async () => {
    const special = await request(app()).post('/things/special').send({ a: 1 });
    expect(special.headers['x-body-read']).toBe('{"a":1}');
    const imported = await request(app())
      .post('/things/import')
      .type('application/yaml')
      .send('a: 1');
    expect(imported.headers['x-body-read']).toBe('"a: 1"');
    // No operation: left unread for the router's 404.
    const unknown = await request(app()).post('/elsewhere').send({ a: 1 });
    expect(unknown.headers['x-body-read']).toBe('nothing');
    // Over the limit: the parser's 413 where a body is taken.
    const big = await request(app())
      .post('/things/special')
      .send({ a: 'x'.repeat(2000) });
    expect({ status: big.status, name: big.body.error.name }).toEqual({
      status: 413,
      name: 'PayloadTooLargeError',
    });
    // A wrong type is refused before reading: 415, however large.
    const bigText = await request(app())
      .post('/things/special')
      .type('text')
      .send('x'.repeat(20_000));
    expect(bigText.status).toBe(415);
  });

  it('answers a body where none is taken with its 400 whatever the parsers make of it, never 413 or 415', async () => {
    const refused = 'POST /things/{id} takes no request body';
    const sent = [
      // Over what such a body is read to.
      await request(app())
        .post('/things/42')
        .send({ at: 'now', padding: 'x'.repeat(10_000) }),
      // Unreadable charset.
      await request(app())
        .post('/things/42')
        .set('Content-Type', 'application/json; charset=x-klingon')
        .send('{"at": "now"}'),
      // Malformed JSON.
      await request(app())
        .post('/things/42')
        .set('Content-Type', 'application/json')
        .send('{"at": }'),
    ];
    expect(
      sent.map(res => ({
        status: res.status,
        message: res.body.error.message,
      })),
    ).toEqual([
      { status: 400, message: refused },
      { status: 400, message: refused },
      { status: 400, message: refused },
    ]);
  });
});
