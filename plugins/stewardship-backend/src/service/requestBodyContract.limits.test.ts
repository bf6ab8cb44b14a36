/*
 * A JSON body over the spec's limits is refused before the validator checks it (which would
 * report each item of a list far over its limit): a list over its `maxItems`, a map over its
 * `maxProperties`, an object with more than 20 fields its closed schema does not take. Over a
 * small spec, then the premise on the real one: every list and map of a request body has a limit.
 */
import express from 'express';
import request from 'supertest';
import { requestBodyContract } from './requestBodyContract';
import { spec as realSpec } from '../schema/openapi';

const policy = (properties: string[]) => ({
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(properties.map(name => [name, {}])),
});

const spec = {
  paths: {
    '/things': {
      post: {
        requestBody: {
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Thing' },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        additionalProperties: false,
        properties: {
          refs: { type: 'array', maxItems: 3, items: { type: 'string' } },
          labels: {
            type: 'object',
            maxProperties: 2,
            additionalProperties: { type: 'string' },
          },
          policies: {
            type: 'array',
            maxItems: 5,
            items: { $ref: '#/components/schemas/Policy' },
          },
          window: { $ref: '#/components/schemas/Window' },
          nested: {
            type: 'object',
            additionalProperties: false,
            properties: { 'a/b': { type: 'array', maxItems: 1 } },
          },
        },
      },
      // A oneOf without a discriminator: the validator checks every form.
      Policy: { oneOf: [policy(['preset']), policy(['severity', 'within'])] },
      // With one: the validator checks the form `type` picks, only.
      Window: {
        discriminator: { propertyName: 'type' },
        oneOf: [
          {
            type: 'object',
            additionalProperties: false,
            properties: {
              type: { const: 'rolling' },
              days: { type: 'array', maxItems: 2 },
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            properties: {
              type: { const: 'calendar' },
              months: { type: 'array', maxItems: 12 },
            },
          },
        ],
      },
    },
  },
};

function app() {
  const router = express();
  router.use(
    requestBodyContract(spec, { limit: '1mb', textTypes: ['text/plain'] }),
  );
  router.use((_req, res) => {
    res.json({ passed: true });
  });
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

const send = (body: unknown) =>
  request(app())
    .post('/things')
    .send(body as object);

/** An object with `count` fields named `x0`, `x1`, … */
function fields(count: number, extra: object = {}): Record<string, unknown> {
  const object: Record<string, unknown> = { ...extra };
  for (let i = 0; i < count; i++) object[`x${i}`] = i;
  return object;
}

const named = (count: number) =>
  Array.from({ length: count }, (_, i) => `"x${i}"`).join(', ');

describe('requestBodyContract: a body over the spec’s limits', () => {
  it('lets a body within its limits through to the validator, wrong values and all', async () => {
    const res = await send({
      refs: [1, 2, 3],
      labels: { a: 1, b: 2 },
      policies: [fields(20, { preset: 1 }), {}, {}, {}, {}],
      window: { type: 'rolling', days: [1, 2], months: [] },
      nested: { 'a/b': [1] },
      ...fields(20),
    });
    expect(res.body).toEqual({ passed: true });
  });

  it('names every place over a limit in the validator’s words, and nothing inside them', async () => {
    const res = await send({
      refs: Array(10_000).fill({ deep: [1, 2, 3, 4] }),
      labels: { a: '1', b: '2', c: '3' },
      policies: Array(6).fill(fields(50)),
      nested: { 'a/b': [1, 2] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message.split(', ')).toEqual([
      'request/body/refs must NOT have more than 3 items',
      'request/body/labels must NOT have more than 2 properties',
      'request/body/policies must NOT have more than 5 items',
      // A JSON pointer, as the validator writes it (its messages are reworded after).
      'request/body/nested/a~1b must NOT have more than 1 items',
    ]);
  });

  it('holds a value to the form its discriminator picks', async () => {
    const calendar = await send({
      window: { type: 'calendar', months: Array(13).fill(1) },
    });
    expect(calendar.body.error.message).toBe(
      'request/body/window/months must NOT have more than 12 items',
    );
    const rolling = await send({
      window: { type: 'rolling', days: [1, 2, 3] },
    });
    expect(rolling.body.error.message).toBe(
      'request/body/window/days must NOT have more than 2 items',
    );
    // Not a field of the rolling form: one unknown field, the validator's to name.
    const other = await send({
      window: { type: 'rolling', months: Array(13).fill(1) },
    });
    expect(other.body).toEqual({ passed: true });
  });

  it('names 20 of more than 20 fields a closed object does not take, and counts the rest', async () => {
    const root = await send(fields(25, { refs: [1, 2, 3, 4] }));
    expect(root.status).toBe(400);
    // The list over its limit is not reached: the object's fields are refused first.
    expect(root.body.error.message).toBe(
      `request/body must not have the fields ${named(
        20,
      )} and 5 more (it takes "refs", "labels", "policies", "window", "nested")`,
    );
    // A oneOf's forms together: a field any of them takes is not counted.
    const inPolicy = await send({
      policies: [{}, fields(21, { preset: 'x', severity: 'page' })],
    });
    expect(inPolicy.body.error.message).toBe(
      `request/body/policies/1 must not have the fields ${named(
        20,
      )} and 1 more (it takes "preset", "severity", "within")`,
    );
    // A map takes any field, up to its own limit.
    const map = await send({ labels: fields(2) });
    expect(map.body).toEqual({ passed: true });
  });
});

type Node = {
  $ref?: string;
  type?: unknown;
  items?: Node;
  maxItems?: number;
  maxProperties?: number;
  properties?: Record<string, Node>;
  additionalProperties?: boolean | Node;
  oneOf?: Node[];
  anyOf?: Node[];
  allOf?: Node[];
};

/** The lists without `maxItems` and maps without `maxProperties` under a schema, by path. */
function unbounded(root: Node, components: unknown): string[] {
  const found: string[] = [];
  const visited = new Set<Node>();
  const visit = (node: Node | undefined, path: string) => {
    let schema = node;
    while (schema?.$ref) {
      schema = schema.$ref
        .replace('#/components/', '')
        .split('/')
        .reduce<any>((at, key) => at?.[key], components);
    }
    if (!schema || visited.has(schema)) return;
    visited.add(schema);
    if (schema.type === 'array' || schema.items) {
      if (schema.maxItems === undefined) found.push(`${path} (a list)`);
      visit(schema.items, `${path}/items`);
    }
    const { additionalProperties } = schema;
    if (typeof additionalProperties === 'object' || additionalProperties) {
      if (schema.maxProperties === undefined) found.push(`${path} (a map)`);
      if (typeof additionalProperties === 'object') {
        visit(additionalProperties, `${path}/*`);
      }
    }
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      visit(property, `${path}/${name}`);
    }
    for (const forms of [schema.oneOf, schema.anyOf, schema.allOf]) {
      forms?.forEach((form, i) => visit(form, `${path}[${i}]`));
    }
  };
  visit(root, '');
  return found;
}

describe('the spec’s request bodies', () => {
  it('give every list a maxItems and every map a maxProperties, so the validator meets few problems', () => {
    const found: string[] = [];
    for (const [path, item] of Object.entries(realSpec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const schema = (operation as any)?.requestBody?.content?.[
          'application/json'
        ]?.schema;
        if (!schema) continue;
        found.push(
          ...unbounded(schema, realSpec.components).map(
            where => `${method.toUpperCase()} ${path} body${where}`,
          ),
        );
      }
    }
    expect(found).toEqual([]);
  });

  it('finds a list without a limit (the check above can fail)', () => {
    expect(
      unbounded(
        { properties: { refs: { type: 'array', items: { type: 'string' } } } },
        {},
      ),
    ).toEqual(['/refs (a list)']);
  });
});
