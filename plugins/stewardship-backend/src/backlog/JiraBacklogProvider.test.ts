/*
 * The Jira provider against a local server answering with the documented shapes of Jira Cloud
 * (`GET /rest/api/3/search/jql`: `{ issues, nextPageToken, isLast }`) and Jira Data Center
 * (`GET /rest/api/2/search`: `{ startAt, maxResults, total, issues }`), across several pages and
 * with every failure a tracker can answer.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { Entity } from '@backstage/catalog-model';
import {
  BacklogProviderError,
  BacklogReadRequest,
} from '@stewardship/backstage-plugin-stewardship-node';
import { component } from '../__testUtils__/entities';
import {
  TrackerAnswer,
  TrackerRequest,
  TrackerServer,
  providerError,
  startTrackerServer,
} from '../__testUtils__/trackerServer';
import { JiraBacklogProvider, jiraJql } from './JiraBacklogProvider';

const entity = (annotations: Record<string, string>) =>
  component('checkout', { annotations });
const PAY = entity({ 'jira/project-key': 'PAY' });

/** An issue as Jira returns it with `fields=summary,issuetype,…`. */
function jiraIssue(n: number, fields: Record<string, unknown> = {}) {
  return {
    id: String(10000 + n),
    key: `PAY-${n}`,
    self: `https://jira.example.com/rest/api/3/issue/${10000 + n}`,
    fields: {
      summary: `Issue ${n}`,
      issuetype: { id: '10001', name: 'Story', subtask: false },
      status: {
        name: 'To Do',
        statusCategory: { id: 2, key: 'new', name: 'To Do' },
      },
      priority: { id: '3', name: 'Medium' },
      labels: [],
      created: `2026-0${n}-10T09:00:00.000+0200`,
      updated: `2026-0${n}-11T09:00:00.000+0000`,
      assignee: null,
      ...fields,
    },
  };
}

/**
 * Jira Cloud answering page after page of the issues numbered in `pages`: each page but the last
 * leads on with the token `t<next page's number>`, the last says `isLast`.
 */
function cloudPages(...pages: number[][]) {
  return ({ query }: TrackerRequest): TrackerAnswer => {
    const token = query.get('nextPageToken');
    const index = token ? Number(token.slice(1)) - 1 : 0;
    const issues = pages[index].map(n => jiraIssue(n));
    return index === pages.length - 1
      ? { json: { issues, isLast: true } }
      : { json: { issues, nextPageToken: `t${index + 2}`, isLast: false } };
  };
}

const read = (
  provider: JiraBacklogProvider,
  e: Entity = PAY,
  overrides: Partial<BacklogReadRequest> = {},
) =>
  provider.readItems({
    entity: e,
    entityRef: 'component:default/checkout',
    credentials: mockCredentials.user(),
    maxItems: 500,
    signal: AbortSignal.timeout(5000),
    ...overrides,
  });

const FIVE_KEYS = ['PAY-1', 'PAY-2', 'PAY-3', 'PAY-4', 'PAY-5'];

const provider = (jira: JsonObject) =>
  JiraBacklogProvider.fromConfig(
    new ConfigReader({ stewardship: { backlog: { jira } } }),
  );

describe('JiraBacklogProvider', () => {
  let server: TrackerServer;
  beforeEach(async () => {
    server = await startTrackerServer(() => ({ json: {} }));
  });
  afterEach(() => server.stop());

  const cloud = () =>
    provider({
      baseUrl: server.url,
      product: 'cloud',
      email: 'bot@example.com',
      apiToken: 'secret-token',
      pageSize: 2,
    });

  it('reads Jira Cloud page after page by nextPageToken, with basic auth', async () => {
    // Five issues in pages of 2: tokens t2 and t3 lead to the second and third pages.
    server.answer = cloudPages([1, 2], [3, 4], [5]);
    const { items, truncated } = await read(cloud());

    expect(items.map(i => i.key)).toEqual(FIVE_KEYS);
    expect(truncated).toBe(false);
    expect(server.requests.map(r => r.path)).toEqual(
      Array(3).fill('/rest/api/3/search/jql'),
    );
    expect(server.requests.map(r => r.query.get('nextPageToken'))).toEqual([
      null,
      't2',
      't3',
    ]);
    const first = server.requests[0];
    expect(first.query.get('jql')).toBe(
      'project = "PAY" AND statusCategory != Done ORDER BY Rank ASC',
    );
    expect(first.query.get('maxResults')).toBe('2');
    expect(first.query.get('fields')).toContain('issuetype');
    expect(first.headers.authorization).toBe(
      `Basic ${Buffer.from('bot@example.com:secret-token').toString('base64')}`,
    );
    // 09:00 at +02:00 is 07:00 UTC.
    expect(items[0]).toEqual({
      id: 'jira:PAY-1',
      key: 'PAY-1',
      title: 'Issue 1',
      link: `${server.url}/browse/PAY-1`,
      type: 'Story',
      labels: [],
      priority: 'Medium',
      createdAt: '2026-01-10T07:00:00.000Z',
      updatedAt: '2026-01-11T09:00:00.000Z',
      status: 'To Do',
    });
  });

  it('maps labels, assignee and a missing priority', async () => {
    server.answer = () => ({
      json: {
        issues: [
          jiraIssue(1, {
            issuetype: { name: 'Bug' },
            priority: null,
            labels: ['slo', 'checkout'],
            assignee: { accountId: 'x', displayName: 'Jane Doe' },
          }),
        ],
        isLast: true,
      },
    });
    const { items } = await read(cloud());
    expect(items[0]).toMatchObject({
      type: 'Bug',
      labels: ['slo', 'checkout'],
      assignee: 'Jane Doe',
    });
    expect(items[0]).not.toHaveProperty('priority');
  });

  it('stops at maxItems and says the list is truncated', async () => {
    server.answer = ({ query }) => ({
      json: query.get('nextPageToken')
        ? {
            issues: [jiraIssue(3), jiraIssue(4)],
            nextPageToken: 'n',
            isLast: false,
          }
        : {
            issues: [jiraIssue(1), jiraIssue(2)],
            nextPageToken: 't2',
            isLast: false,
          },
    });
    const { items, truncated } = await read(cloud(), PAY, { maxItems: 3 });
    expect(items.map(i => i.key)).toEqual(['PAY-1', 'PAY-2', 'PAY-3']);
    expect(truncated).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('reads Jira Data Center page after page by startAt, with a bearer token', async () => {
    // total 5 in pages of 2: startAt 0, 2, 4.
    const all = [1, 2, 3, 4, 5].map(n =>
      jiraIssue(n, {
        assignee: { name: `user${n}`, displayName: `User ${n}` },
      }),
    );
    server.answer = ({ query }) => {
      const startAt = Number(query.get('startAt'));
      return {
        json: {
          expand: 'names,schema',
          startAt,
          maxResults: 2,
          total: 5,
          issues: all.slice(startAt, startAt + 2),
        },
      };
    };
    const dc = provider({
      baseUrl: `${server.url}/jira/`,
      product: 'datacenter',
      token: 'pat-123',
      pageSize: 2,
    });
    const { items, truncated } = await read(dc);
    expect(items.map(i => i.key)).toEqual(FIVE_KEYS);
    expect(truncated).toBe(false);
    expect(server.requests.map(r => r.path)).toEqual(
      Array(3).fill('/jira/rest/api/2/search'),
    );
    expect(server.requests.map(r => r.query.get('startAt'))).toEqual([
      '0',
      '2',
      '4',
    ]);
    expect(server.requests[0].headers.authorization).toBe('Bearer pat-123');
    expect(items[4]).toMatchObject({
      link: `${server.url}/jira/browse/PAY-5`,
      assignee: 'User 5',
    });
  });

  describe('the JQL', () => {
    it('narrows the project by component and label lists, quoted', () => {
      expect(
        jiraJql(
          entity({
            'jira/project-key': 'PAY',
            'jira/component': 'api, web "ui"',
            'jira/label': 'backend',
          }),
        ),
      ).toBe(
        'project = "PAY" AND component in ("api", "web \\"ui\\"") AND labels in ("backend") AND statusCategory != Done ORDER BY Rank ASC',
      );
    });

    it('takes jira/all-issues-jql instead, with its own ORDER BY dropped', () => {
      expect(
        jiraJql(
          entity({
            'jira/project-key': 'PAY',
            'jira/all-issues-jql':
              'project = OPS OR labels = pay ORDER BY created DESC',
          }),
        ),
      ).toBe(
        '(project = OPS OR labels = pay) AND statusCategory != Done ORDER BY Rank ASC',
      );
    });

    it('keeps parentheses and strings of the JQL as written', () => {
      expect(
        jiraJql(
          entity({
            'jira/all-issues-jql':
              'project = OPS AND (labels = "a)b" OR summary ~ \'x(\') order by rank',
          }),
        ),
      ).toBe(
        '(project = OPS AND (labels = "a)b" OR summary ~ \'x(\')) AND statusCategory != Done ORDER BY Rank ASC',
      );
    });

    it.each([
      [
        'a parenthesis closing ours',
        'project = PAY) OR (statusCategory = Done',
      ],
      ['one left open', 'project = PAY AND (labels = a'],
      ['an unclosed string', 'project = PAY AND labels = "a'],
    ])(
      'refuses jira/all-issues-jql with %s, which would list done issues or fail',
      (_what, jql) => {
        expect(() => jiraJql(entity({ 'jira/all-issues-jql': jql }))).toThrow(
          'Jira: the jira/all-issues-jql annotation has unbalanced parentheses or an unclosed string',
        );
      },
    );

    it('refuses jira/all-issues-jql that is only an ORDER BY', () => {
      expect(() =>
        jiraJql(entity({ 'jira/all-issues-jql': 'ORDER BY created DESC' })),
      ).toThrow(
        'Jira: the jira/all-issues-jql annotation has no filter, only an ORDER BY',
      );
    });

    it('refuses a project key that is not one (no JQL injection)', () => {
      expect(() =>
        jiraJql(entity({ 'jira/project-key': 'PAY OR 1=1' })),
      ).toThrow(
        'Jira: the jira/project-key annotation "PAY OR 1=1" is not a project key',
      );
    });
  });

  describe('errors, each a BacklogProviderError users can read', () => {
    const failure = () => read(cloud()).catch(e => e);

    it('401: token rejected', async () => {
      server.answer = () => ({ status: 401, text: 'Unauthorized' });
      expect(await failure()).toMatchObject(
        providerError('Jira: token rejected (HTTP 401)', { kind: 'rejected' }),
      );
    });

    it('403: may not read the project', async () => {
      server.answer = () => ({ status: 403, json: { errorMessages: ['no'] } });
      expect(await failure()).toMatchObject(
        providerError(
          'Jira: the credentials may not read project PAY (HTTP 403)',
          { kind: 'rejected' },
        ),
      );
    });

    it('404: project not found', async () => {
      server.answer = () => ({ status: 404, json: { errorMessages: [] } });
      expect(await failure()).toMatchObject(
        providerError(
          `Jira: project PAY not found at ${server.url} (HTTP 404)`,
          { kind: 'not-found' },
        ),
      );
    });

    it('404 with a custom JQL beside the project key: names the JQL, which was asked, not the key', async () => {
      server.answer = () => ({ status: 404, json: { errorMessages: [] } });
      const both = entity({
        'jira/project-key': 'PAY',
        'jira/all-issues-jql': 'project = OPS',
      });
      expect(await read(cloud(), both).catch(e => e)).toMatchObject(
        providerError(
          `Jira: project of the JQL not found at ${server.url} (HTTP 404)`,
          { kind: 'not-found' },
        ),
      );
    });

    it("400: Jira's own message (e.g. an unknown project in the JQL)", async () => {
      server.answer = () => ({
        status: 400,
        json: {
          errorMessages: [
            "The value 'PAY' does not exist for the field 'project'.",
          ],
          warningMessages: [],
        },
      });
      expect(await failure()).toMatchObject(
        providerError(
          "Jira: HTTP 400: The value 'PAY' does not exist for the field 'project'.",
          { kind: 'bad-request' },
        ),
      );
    });

    it('429 with Retry-After in seconds', async () => {
      server.answer = () => ({
        status: 429,
        headers: { 'Retry-After': '30' },
        text: '',
      });
      expect(await failure()).toMatchObject(
        providerError('Jira: rate limited, retry after 30 s', {
          kind: 'rate-limited',
          retryAfterSeconds: 30,
        }),
      );
    });

    it('429 with Retry-After as an HTTP date', async () => {
      const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
      server.answer = () => ({
        status: 429,
        headers: { 'Retry-After': inTwoMinutes },
        text: '',
      });
      const error = await read(cloud()).catch(e => e);
      // An HTTP date has whole seconds: 119 or 120 s from now.
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(119);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(120);
      expect(error.kind).toBe('rate-limited');
    });

    it('a body that is not JSON', async () => {
      server.answer = () => ({ text: '<html>Login</html>' });
      expect(await failure()).toMatchObject(
        providerError(
          'Jira: unexpected answer (not JSON): <html>Login</html>',
          { kind: 'bad-answer' },
        ),
      );
    });

    it('JSON of the wrong shape', async () => {
      server.answer = () => ({ json: { issues: [{ key: 'PAY-1' }] } });
      expect(await failure()).toMatchObject(
        providerError(
          /^Jira: unexpected shape of the answer \(issues\.0\.fields: /,
          { kind: 'bad-answer' },
        ),
      );
    });

    it('a server that does not answer in time', async () => {
      server.answer = () => 'hang';
      const error = await read(cloud(), PAY, {
        signal: AbortSignal.timeout(200),
      }).catch(e => e);
      expect(error).toBeInstanceOf(BacklogProviderError);
      expect(error.message).toBe('Jira: no answer in time');
      expect(error.kind).toBe('unreachable');
    });

    it('a server that is down', async () => {
      const url = server.url;
      await server.stop();
      server = await startTrackerServer(() => ({ json: {} }));
      const down = provider({ baseUrl: url, email: 'a', apiToken: 'b' });
      const error = await read(down).catch(e => e);
      expect(error.message).toBe(
        `Jira: could not be reached at ${url} (ECONNREFUSED)`,
      );
      expect(error.kind).toBe('unreachable');
    });

    it('no config: says which key to set', async () => {
      const none = JiraBacklogProvider.fromConfig(new ConfigReader({}));
      expect(await read(none).catch(e => e)).toMatchObject(
        providerError(
          'Jira: not configured (set stewardship.backlog.jira.baseUrl)',
          { kind: 'not-configured' },
        ),
      );
    });

    it.each([500, 502, 503])(
      '%p: Jira itself is in trouble, not its settings',
      async status => {
        server.answer = () => ({ status, text: 'Service Unavailable' });
        expect(await failure()).toMatchObject(
          providerError(`Jira: HTTP ${status}: Service Unavailable`, {
            kind: 'unavailable',
          }),
        );
      },
    );

    it('a time that is not one', async () => {
      server.answer = () => ({
        json: {
          issues: [jiraIssue(1, { created: 'yesterday' })],
          isLast: true,
        },
      });
      expect(await failure()).toMatchObject(
        providerError('Jira: unexpected answer (time "yesterday")', {
          kind: 'bad-answer',
        }),
      );
    });

    it.each([
      [{ 'jira/project-key': 'PAY OR 1=1' }],
      [{ 'jira/all-issues-jql': 'ORDER BY created' }],
      [{ 'jira/all-issues-jql': 'project = PAY AND (labels = a' }],
    ])(
      'an annotation that cannot be used (%p): invalid-annotation, nothing requested',
      async annotations => {
        expect(
          await read(cloud(), entity(annotations)).catch(e => e),
        ).toMatchObject(
          providerError(
            /^Jira: the jira\/(project-key|all-issues-jql) annotation/,
            {
              kind: 'invalid-annotation',
            },
          ),
        );
        expect(server.requests).toHaveLength(0);
      },
    );
  });

  it('refuses half credentials at startup', () => {
    expect(() =>
      provider({ baseUrl: 'https://jira.example.com', email: 'a' }),
    ).toThrow(
      'stewardship.backlog.jira: set both email and apiToken (Jira Cloud), or token (Data Center)',
    );
  });

  it('refuses a token beside email and apiToken (one would silently win)', () => {
    expect(() =>
      provider({
        baseUrl: 'https://jira.example.com',
        token: 't',
        email: 'a@example.com',
        apiToken: 'x',
      }),
    ).toThrow(
      'stewardship.backlog.jira: set either token (Data Center) or email and apiToken (Jira Cloud), not both',
    );
  });

  it('refuses a token a request header cannot carry, without repeating it', () => {
    expect(() =>
      provider({
        baseUrl: 'https://jira.example.com',
        token: 'pat-S3CR3T\nsecond-line',
      }),
    ).toThrow(
      'stewardship.backlog.jira.token holds a line break or another character a request header cannot carry (a value pasted across two lines?); the value is not repeated here',
    );
  });

  it('refuses credentials in the baseUrl at startup, without repeating them', () => {
    expect(() =>
      provider({ baseUrl: 'https://jane:api-secret@jira.example.com' }),
    ).toThrow(
      'stewardship.backlog.jira.baseUrl holds a user name or password: give them as email and apiToken (or token) instead',
    );
  });

  it('does not repeat the credentials of a malformed baseUrl', () => {
    // Without a scheme, `jane:` is read as one; with a `/` in the password, the URL is invalid.
    expect(() =>
      provider({ baseUrl: 'jane:api-secret@jira.example.com' }),
    ).toThrow(
      'stewardship.backlog.jira.baseUrl must be an http(s) URL, got "[redacted]@jira.example.com"',
    );
    expect(() =>
      provider({ baseUrl: 'https://jane:api/secret@jira.example.com' }),
    ).toThrow(
      'stewardship.backlog.jira.baseUrl must be an http(s) URL, got "https://[redacted]@jira.example.com"',
    );
  });

  it('refuses a key it does not read (a misspelt Token would read anonymously)', () => {
    expect(() =>
      provider({ baseUrl: 'https://jira.example.com', Token: 'pat-123456' }),
    ).toThrow(
      'Unknown key "Token" in stewardship.backlog.jira; it reads baseUrl, product, email, apiToken, token, pageSize',
    );
    expect(() =>
      provider({
        baseUrl: 'https://jira.example.com',
        product: 'datacenter',
        token: 'pat-123456',
        pageSize: 50,
      }),
    ).not.toThrow();
    expect(() =>
      provider({
        baseUrl: 'https://jira.example.com',
        email: 'a@example.com',
        apiToken: 'api-123456',
      }),
    ).not.toThrow();
  });

  it('applies to entities with a project key or a JQL annotation only', () => {
    const jira = cloud();
    expect(jira.appliesTo(PAY)).toBe(true);
    expect(
      jira.appliesTo(entity({ 'jira/all-issues-jql': 'project = X' })),
    ).toBe(true);
    expect(jira.appliesTo(entity({ 'jira/label': 'x' }))).toBe(false);
  });

  describe('paging to the end, and truncated only when more are known', () => {
    const datacenter = () =>
      provider({
        baseUrl: server.url,
        product: 'datacenter',
        token: 'pat-123456',
        pageSize: 2,
      });

    it('Jira Cloud: follows the token past a page with no issues that is not the last', async () => {
      server.answer = cloudPages([1], [], [3]);
      const { items, truncated } = await read(cloud());
      expect(items.map(i => i.key)).toEqual(['PAY-1', 'PAY-3']);
      expect(truncated).toBe(false);
      expect(server.requests).toHaveLength(3);
    });

    it('Jira Cloud: stops a tracker that pages on without issues at a page cap, truncated', async () => {
      let n = 0;
      server.answer = () => ({
        json: { issues: [], nextPageToken: `t${++n}`, isLast: false },
      });
      // maxItems 3 in pages of 2: the 2 pages 4 issues need, and 10 to spare.
      const { items, truncated } = await read(cloud(), PAY, { maxItems: 3 });
      expect(items).toEqual([]);
      expect(truncated).toBe(true);
      expect(server.requests).toHaveLength(12);
    });

    it('Jira Cloud: exactly maxItems open issues are not truncated, though a next page was offered', async () => {
      server.answer = cloudPages([1, 2], [3, 4], []);
      const { items, truncated } = await read(cloud(), PAY, { maxItems: 4 });
      expect(items.map(i => i.key)).toEqual([
        'PAY-1',
        'PAY-2',
        'PAY-3',
        'PAY-4',
      ]);
      expect(truncated).toBe(false);
    });

    it('asks for one issue more than maxItems, to know whether there are more', async () => {
      server.answer = ({ query }) => ({
        json: {
          issues: [1, 2, 3, 4, 5]
            .slice(0, Number(query.get('maxResults')))
            .map(n => jiraIssue(n)),
          nextPageToken: 'more',
          isLast: false,
        },
      });
      const big = provider({
        baseUrl: server.url,
        email: 'bot@example.com',
        apiToken: 'secret-token',
      });
      const { items, truncated } = await read(big, PAY, { maxItems: 3 });
      expect(items.map(i => i.key)).toEqual(['PAY-1', 'PAY-2', 'PAY-3']);
      expect(truncated).toBe(true);
      expect(server.requests.map(r => r.query.get('maxResults'))).toEqual([
        '4',
      ]);
    });

    it('Data Center: truncated by the total, and not when the total is maxItems', async () => {
      const answer =
        (total: number) =>
        ({ query }: { query: URLSearchParams }) => {
          const startAt = Number(query.get('startAt'));
          return {
            json: {
              startAt,
              maxResults: 2,
              total,
              issues: [1, 2, 3, 4, 5]
                .slice(0, total)
                .slice(startAt, startAt + 2)
                .map(n => jiraIssue(n)),
            },
          };
        };
      server.answer = answer(5);
      expect(await read(datacenter(), PAY, { maxItems: 2 })).toMatchObject({
        truncated: true,
      });
      expect(server.requests).toHaveLength(1);
      server.answer = answer(2);
      const exact = await read(datacenter(), PAY, { maxItems: 2 });
      expect(exact.items.map(i => i.key)).toEqual(['PAY-1', 'PAY-2']);
      expect(exact.truncated).toBe(false);
    });

    it('Data Center: an issue repeated by a page that shifted while reading is listed once', async () => {
      // An issue ranked first was added after the first page: startAt 2 now starts at PAY-2.
      server.answer = ({ query }) => {
        const startAt = Number(query.get('startAt'));
        const pages: Record<number, number[]> = {
          0: [1, 2],
          2: [2, 3],
          4: [4],
        };
        return {
          json: {
            startAt,
            maxResults: 2,
            total: startAt === 0 ? 4 : 5,
            issues: pages[startAt].map(n => jiraIssue(n)),
          },
        };
      };
      const { items, truncated } = await read(datacenter(), PAY, {
        maxItems: 4,
      });
      expect(items.map(i => i.key)).toEqual([
        'PAY-1',
        'PAY-2',
        'PAY-3',
        'PAY-4',
      ]);
      // The total says 5 issues match, beyond the 4 read.
      expect(truncated).toBe(true);
    });
  });

  describe('what users read', () => {
    it('keeps an ORDER BY inside a string literal of the JQL, dropping only the real one', () => {
      expect(
        jiraJql(
          entity({
            'jira/all-issues-jql':
              'project = A AND summary ~ "fix ORDER BY bug" ORDER BY created',
          }),
        ),
      ).toBe(
        '(project = A AND summary ~ "fix ORDER BY bug") AND statusCategory != Done ORDER BY Rank ASC',
      );
      expect(
        jiraJql(
          entity({
            'jira/all-issues-jql': "project = A AND summary ~ 'order by \\' x'",
          }),
        ),
      ).toBe(
        "(project = A AND summary ~ 'order by \\' x') AND statusCategory != Done ORDER BY Rank ASC",
      );
    });

    it('reads a time without an offset as UTC, not in the server zone', async () => {
      // The tests run in America/St_Johns (UTC−03:30).
      server.answer = () => ({
        json: {
          issues: [
            jiraIssue(1, {
              created: '2026-01-10T09:00:00.000',
              updated: '2026-01-11T09:00:00',
            }),
          ],
          isLast: true,
        },
      });
      const { items } = await read(cloud());
      expect(items[0]).toMatchObject({
        createdAt: '2026-01-10T09:00:00.000Z',
        updatedAt: '2026-01-11T09:00:00.000Z',
      });
    });

    it('a time that does not exist is an unexpected answer', async () => {
      server.answer = () => ({
        json: {
          issues: [jiraIssue(1, { created: '2026-02-30T09:00:00.000+0000' })],
          isLast: true,
        },
      });
      expect(await read(cloud()).catch(e => e)).toMatchObject(
        providerError(
          'Jira: unexpected answer (time "2026-02-30T09:00:00.000+0000")',
          { kind: 'bad-answer' },
        ),
      );
    });

    it('a huge Retry-After is at most a day, in whole seconds', async () => {
      server.answer = () => ({
        status: 429,
        headers: { 'Retry-After': '9'.repeat(400) },
        text: '',
      });
      expect(await read(cloud()).catch(e => e)).toMatchObject(
        providerError('Jira: rate limited, retry after 86400 s', {
          kind: 'rate-limited',
          retryAfterSeconds: 86400,
        }),
      );
    });

    it.each([
      [
        'email and apiToken',
        { email: 'bot@example.com', apiToken: 'secret-token' },
      ],
      ['a token', { product: 'datacenter', token: 'pat-secret-123' }],
    ])(
      'never repeats the credentials (%s) an error body echoes',
      async (_what, credentials) => {
        const jira = provider({ baseUrl: server.url, ...credentials });
        for (const answer of [
          // A proxy echoing the request's headers as text, a tracker echoing them as JSON.
          (auth: string) => ({
            status: 418,
            text: `bad request; headers: Authorization: ${auth}; Accept: */*`,
          }),
          (auth: string) => ({
            status: 400,
            json: { errorMessages: [`rejected header ${auth}`] },
          }),
          (auth: string) => ({ status: 200, text: `<html>${auth}</html>` }),
        ]) {
          server.answer = ({ headers }) => {
            const auth = headers.authorization!;
            const raw = auth.startsWith('Basic ')
              ? Buffer.from(auth.slice(6), 'base64').toString()
              : auth.slice(7);
            return answer(`${auth} (${raw})`);
          };
          const error = await read(jira).catch(e => e);
          expect(error.message).toMatch(/^Jira: .*\[redacted\]/);
          for (const secret of [
            'secret-token',
            'pat-secret-123',
            Buffer.from('bot@example.com:secret-token').toString('base64'),
          ]) {
            expect(error.message).not.toContain(secret);
          }
        }
      },
    );
  });
});
