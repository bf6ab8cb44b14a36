import { readableValidationMessage } from './validationMessages';

describe('readableValidationMessage', () => {
  it('says a pattern in words, with the value received', () => {
    expect(
      readableValidationMessage(
        'request/body/timeWindow/duration must match pattern "^([0-9]+[smhdw])+$"',
        { body: { timeWindow: { duration: '30 days' } } },
      ),
    ).toBe(
      'request/body/timeWindow/duration must be a duration in s, m, h, d or w (e.g. 30d or 1h30m) (got "30 days")',
    );
    expect(
      readableValidationMessage(
        'request/params/kind must match pattern "^[a-zA-Z][a-zA-Z0-9]*$"',
      ),
    ).toBe(
      'request/params/kind must be letters and digits, starting with a letter (e.g. component)',
    );
  });

  it('says a date-time format with what arrived, and that a + in a URL is %2B', () => {
    // `?at=2026-01-01T10:00:00+02:00` unencoded: the + arrives as a space.
    expect(
      readableValidationMessage(
        'request/query/at must match format "date-time"',
        {
          query: { at: '2026-01-01T10:00:00 02:00' },
        },
      ),
    ).toBe(
      'request/query/at must be an ISO 8601 date and time with a time zone (e.g. 2026-11-30T12:00:00Z) (got "2026-01-01T10:00:00 02:00"; in a URL a + must be written %2B)',
    );
    // Without a space, or in a body, no word about +.
    expect(
      readableValidationMessage(
        'request/body/expiresAt must match format "date-time"',
        { body: { expiresAt: '2026-01-10T10:00:00' } },
      ),
    ).toBe(
      'request/body/expiresAt must be an ISO 8601 date and time with a time zone (e.g. 2026-11-30T12:00:00Z) (got "2026-01-10T10:00:00")',
    );
  });

  it('says a URL field once, though its pattern and its format both fail', () => {
    expect(
      readableValidationMessage(
        'request/body/postmortemUrl must match pattern "^https?://", request/body/postmortemUrl must match format "uri"',
        { body: { postmortemUrl: 'ftp://x' } },
      ),
    ).toBe(
      'request/body/postmortemUrl must be an http(s) address (e.g. https://example.com/page) (got "ftp://x")',
    );
  });

  it('keeps other problems, unknown patterns and long or non-string values as they are, paths unescaped', () => {
    expect(
      readableValidationMessage(
        'request/body/objective must be < 1, request/body/labels/team.io~1tier must match pattern "^x$", request/body/name must match pattern "^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$"',
        { body: { name: 'x'.repeat(81) } },
      ),
    ).toBe(
      'request/body/objective must be < 1, request/body/labels/team.io/tier must match pattern "^x$", request/body/name must be lower-case letters, digits and - _ . (starting and ending with a letter or digit, e.g. availability)',
    );
    expect(
      readableValidationMessage(
        'request/query/limit must match format "uuid"',
        {
          query: { limit: 5 },
        },
      ),
    ).toBe(
      'request/query/limit must be a UUID (e.g. 7c9e6679-7425-40de-944b-e07fc1f90ae7)',
    );
  });

  it('says a query parameter given twice may be given once, once for all its problems', () => {
    // `?status=open&status=resolved`: the query parser makes a list of the two.
    expect(
      readableValidationMessage(
        'request/query/status must be string, request/query/status must be equal to one of the allowed values: triggered, resolved, request/query/limit must be <= 500',
        { query: { status: ['open', 'resolved'], limit: 501 } },
      ),
    ).toBe(
      'request/query/status may be given only once, request/query/limit must be <= 500',
    );
    // A problem of a list as such stays: the parameter may be a list.
    expect(
      readableValidationMessage(
        'request/query/ids must NOT have more than 5 items',
        { query: { ids: ['a', 'b', 'c', 'd', 'e', 'f'] } },
      ),
    ).toBe('request/query/ids must NOT have more than 5 items');
    // A list in a body is the body's own: its type problem stays.
    expect(
      readableValidationMessage('request/body/title must be string', {
        body: { title: ['a', 'b'] },
      }),
    ).toBe('request/body/title must be string');
  });

  it('says a body field sent as null is not of its type, and that a PATCH cannot clear it', () => {
    expect(
      readableValidationMessage('request/body/title must be string', {
        method: 'PATCH',
        body: { version: 1, title: null },
      }),
    ).toBe(
      'request/body/title must be string, not null (it cannot be cleared)',
    );
    expect(
      readableValidationMessage('request/body/objective must be number', {
        method: 'POST',
        body: { objective: null },
      }),
    ).toBe('request/body/objective must be number, not null');
    // A value of another type keeps the validator's words.
    expect(
      readableValidationMessage('request/body/title must be string', {
        method: 'PATCH',
        body: { title: 5 },
      }),
    ).toBe('request/body/title must be string');
  });

  describe('a message of many problems', () => {
    const bodyWith = (fields: Record<string, unknown>) => ({
      body: fields,
      openapi: {
        schema: {
          requestBody: {
            content: {
              'application/json': {
                schema: { type: 'object', properties: { refs: {} } },
              },
            },
          },
        },
      },
    });

    it('says the first 20, then how many more there are, each counted once', () => {
      const items = Array.from(
        { length: 30 },
        (_, i) => `request/body/refs/${i} must be string`,
      );
      // The validator's message may say a problem twice; the unsaid are counted once each.
      const message = [...items, items[25]].join(', ');
      expect(readableValidationMessage(message).split(', ')).toEqual([
        ...items.slice(0, 20),
        'request/body has 10 more problems (not listed)',
      ]);
    });

    it('says where the unsaid problems are when they are all in one place', () => {
      const query = Array.from(
        { length: 21 },
        (_, i) => `request/query/p${i} must be string`,
      );
      expect(readableValidationMessage(query.join(', '))).toMatch(
        /, request\/query has 1 more problem \(not listed\)$/,
      );
      const mixed = [...query, 'request/body/refs must be array'];
      expect(readableValidationMessage(mixed.join(', '))).toMatch(
        /p19 must be string, request has 2 more problems \(not listed\)$/,
      );
    });

    it('names the first 20 fields an object does not take, counting the rest, once for the object', () => {
      const body: Record<string, unknown> = { refs: [] };
      for (let i = 0; i < 20_000; i++) body[`x${i}`] = i;
      // As the validator says it: once per field it does not take.
      const message = Array(20_000)
        .fill('request/body must NOT have additional properties')
        .join(', ');
      const named = Array.from({ length: 20 }, (_, i) => `"x${i}"`);
      const started = Date.now();
      const readable = readableValidationMessage(message, bodyWith(body));
      // Far above what it takes (well under a second): read again for each of the problems,
      // the object's 20,000 fields took minutes, the event loop held all along.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(readable).toBe(
        `request/body must not have the fields ${named.join(
          ', ',
        )} and 19980 more (it takes "refs")`,
      );
    });

    it('cuts a long field name', () => {
      const long = 'a'.repeat(5000);
      expect(
        readableValidationMessage(
          'request/body must NOT have additional properties',
          bodyWith({ [long]: 1 }),
        ),
      ).toBe(
        `request/body must not have the field "${'a'.repeat(
          100,
        )}…" (it takes "refs")`,
      );
    });
  });

  it('leaves a message that is not the validator’s alone', () => {
    expect(readableValidationMessage('Invalid SLO:\nname: taken')).toBe(
      'Invalid SLO:\nname: taken',
    );
  });

  describe('a oneOf without a discriminator', () => {
    // A body as a spec may hold one: `when` is a moment or a period, `limit` a number or null.
    const spec = {
      components: {
        schemas: {
          Moment: { type: 'string', format: 'date-time' },
          When: {
            oneOf: [
              {
                type: 'object',
                additionalProperties: false,
                required: ['at'],
                properties: { at: { $ref: '#/components/schemas/Moment' } },
              },
              {
                type: 'object',
                additionalProperties: false,
                required: ['from', 'to'],
                properties: {
                  from: { $ref: '#/components/schemas/Moment' },
                  to: { $ref: '#/components/schemas/Moment' },
                },
              },
            ],
          },
        },
      },
    };
    const requestWith = (body: unknown) => ({
      method: 'POST',
      body,
      openapi: {
        schema: {
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    when: {
                      type: 'array',
                      items: { $ref: '#/components/schemas/When' },
                    },
                    limit: {
                      oneOf: [
                        { type: 'object', required: ['count'] },
                        { type: 'null' },
                      ],
                    },
                  },
                },
              },
            },
          },
        },
      },
    });

    it('says the problems of the branch the value means, its formats in words', () => {
      // As the validator writes it: every branch's problems, then the oneOf's.
      const message = [
        'request/body/when/1/at must match format "date-time"',
        "request/body/when/1 must have required property 'from'",
        "request/body/when/1 must have required property 'to'",
        'request/body/when/1 must NOT have additional properties',
        'request/body/when/1 must match exactly one schema in oneOf',
      ].join(', ');
      expect(
        readableValidationMessage(
          message,
          requestWith({
            when: [{ at: '2026-01-01T00:00:00Z' }, { at: '2026-01-01' }],
          }),
          spec,
        ),
      ).toBe(
        'request/body/when/1/at must be an ISO 8601 date and time with a time zone (e.g. 2026-11-30T12:00:00Z) (got "2026-01-01")',
      );
    });

    it('lists the branches when the value picks none, a branch that is not an object by its type', () => {
      expect(
        readableValidationMessage(
          'request/body/limit must be object, request/body/limit must be null, request/body/limit must match exactly one schema in oneOf',
          requestWith({ limit: 5 }),
          spec,
        ),
      ).toBe('request/body/limit must match one of: {count}, null');
      expect(
        readableValidationMessage(
          "request/body/when/0 must have required property 'at', request/body/when/0 must have required property 'from', request/body/when/0 must have required property 'to', request/body/when/0 must match exactly one schema in oneOf",
          requestWith({ when: [{}] }),
          spec,
        ),
      ).toBe(
        'request/body/when/0 must have the fields of one of: {at}, {from, to}',
      );
    });

    it('keeps the problems the schema has besides its oneOf', () => {
      // An object that needs `name`, and `a` (a number) or both `b` and `name`.
      const schema = {
        type: 'object',
        required: ['name'],
        properties: { name: {}, a: {}, b: {} },
        oneOf: [
          { required: ['a'], properties: { a: { type: 'number' } } },
          { required: ['b', 'name'] },
        ],
      };
      const message = [
        "request/body must have required property 'name'",
        'request/body/a must be number',
        "request/body must have required property 'b'",
        "request/body must have required property 'name'",
        'request/body must match exactly one schema in oneOf',
      ].join(', ');
      expect(
        readableValidationMessage(
          message,
          {
            body: { a: 'x' },
            openapi: {
              schema: {
                requestBody: { content: { 'application/json': { schema } } },
              },
            },
          },
          spec,
        ),
      ).toBe(
        "request/body must have required property 'name', request/body/a must be number",
      );
    });

    it('leaves the message as it is where the schema cannot be found', () => {
      const message =
        "request/body/when/0 must have required property 'at', request/body/when/0 must match exactly one schema in oneOf";
      expect(
        readableValidationMessage(message, { body: { when: [{}] } }, spec),
      ).toBe(message);
      // Nor where a branch cannot be checked alone (a reference to nowhere).
      // (a copy: a spec's schemas are checked once)
      const broken = JSON.parse(JSON.stringify(spec));
      broken.components.schemas.Moment = {
        $ref: '#/components/schemas/Nowhere',
      };
      expect(
        readableValidationMessage(message, requestWith({ when: [{}] }), broken),
      ).toBe(message);
    });
  });
});
