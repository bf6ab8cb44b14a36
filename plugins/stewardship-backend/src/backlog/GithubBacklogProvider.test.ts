/*
 * The GitHub provider against a local server answering like `GET /repos/{owner}/{repo}/issues`:
 * an array of issues (pull requests among them, with a `pull_request` key), paged by the `Link`
 * header; credentials and the API base URL from `integrations.github`, GitHub Enterprise hosts
 * picked from the entity's source location.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { Entity } from '@backstage/catalog-model';
import { component } from '../__testUtils__/entities';
import {
  TrackerServer,
  providerError,
  startTrackerServer,
} from '../__testUtils__/trackerServer';
import { GithubBacklogProvider } from './GithubBacklogProvider';

const entity = (annotations: Record<string, string>) =>
  component('shop', { annotations });

/** An issue as the REST API returns it (the fields the provider reads, and a few others). */
function ghIssue(n: number, fields: Record<string, unknown> = {}) {
  return {
    id: 1000 + n,
    node_id: `I_${n}`,
    number: n,
    title: `Issue ${n}`,
    html_url: `https://github.com/acme/shop/issues/${n}`,
    state: 'open',
    labels: [{ id: 1, name: 'enhancement', color: 'a2eeef', default: true }],
    assignee: null,
    comments: 0,
    created_at: `2026-0${n}-01T10:00:00Z`,
    updated_at: `2026-0${n}-02T10:00:00Z`,
    ...fields,
  };
}
const pr = (n: number) =>
  ghIssue(n, {
    pull_request: { url: `https://api.github.com/repos/acme/shop/pulls/${n}` },
  });

const read = (provider: GithubBacklogProvider, e: Entity, maxItems = 500) =>
  provider.readItems({
    entity: e,
    entityRef: 'component:default/shop',
    credentials: mockCredentials.user(),
    maxItems,
    signal: AbortSignal.timeout(5000),
  });

describe('GithubBacklogProvider', () => {
  let server: TrackerServer;
  beforeEach(async () => {
    server = await startTrackerServer(() => ({ json: [] }));
  });
  afterEach(() => server.stop());

  /** github.com, its API served by the local server. */
  const onGithubCom = () =>
    GithubBacklogProvider.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            { host: 'github.com', apiBaseUrl: server.url, token: 'gh-token' },
          ],
        },
      }),
    );
  const SHOP = entity({ 'github.com/project-slug': 'acme/shop' });

  it('reads every page by the Link header, drops pull requests, sends the token', async () => {
    // Three pages: 1–2 (and PR 3), 4 (and PR 5), 6.
    const page = (n: number) =>
      `<${server.url}/repos/acme/shop/issues?state=open&per_page=100&page=${n}>`;
    server.answer = ({ query }) => {
      const n = Number(query.get('page') ?? 1);
      if (n === 1) {
        return {
          json: [ghIssue(1), ghIssue(2), pr(3)],
          headers: { Link: `${page(2)}; rel="next", ${page(3)}; rel="last"` },
        };
      }
      if (n === 2) {
        return {
          json: [ghIssue(4), pr(5)],
          headers: { Link: `${page(1)}; rel="prev", ${page(3)}; rel="next"` },
        };
      }
      return {
        json: [ghIssue(6)],
        headers: { Link: `${page(2)}; rel="prev"` },
      };
    };
    const { items, truncated } = await read(onGithubCom(), SHOP);

    expect(items.map(i => i.key)).toEqual(['#1', '#2', '#4', '#6']);
    expect(truncated).toBe(false);
    expect(server.requests.map(r => r.query.get('page'))).toEqual([
      null,
      '2',
      '3',
    ]);
    expect(server.requests[0].path).toBe('/repos/acme/shop/issues');
    expect(server.requests[0].query.get('state')).toBe('open');
    expect(server.requests[0].headers.authorization).toMatch(/gh-token/);
    expect(items[0]).toEqual({
      id: 'github:acme/shop#1',
      key: '#1',
      title: 'Issue 1',
      link: 'https://github.com/acme/shop/issues/1',
      type: 'issue',
      labels: ['enhancement'],
      createdAt: '2026-01-01T10:00:00.000Z',
      updatedAt: '2026-01-02T10:00:00.000Z',
      status: 'open',
    });
  });

  it('takes a priority label and the assignee', async () => {
    server.answer = () => ({
      json: [
        ghIssue(1, {
          labels: [{ name: 'bug' }, { name: 'priority: high' }],
          assignee: { login: 'octocat', id: 1 },
        }),
        ghIssue(2, { labels: [{ name: 'P1' }] }),
      ],
    });
    const { items } = await read(onGithubCom(), SHOP);
    expect(items.map(i => [i.priority, i.assignee])).toEqual([
      ['high', 'octocat'],
      ['P1', undefined],
    ]);
  });

  it('reads a GitHub Enterprise repository from its own integration', async () => {
    server.answer = () => ({ json: [ghIssue(1)] });
    const ghe = GithubBacklogProvider.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            {
              host: 'github.com',
              apiBaseUrl: 'http://127.0.0.1:9',
              token: 'public',
            },
            {
              host: server.host,
              apiBaseUrl: `${server.url}/api/v3`,
              token: 'ghe-token',
            },
          ],
        },
      }),
    );
    const { items } = await read(
      ghe,
      entity({
        'github.com/project-slug': 'acme/shop',
        'backstage.io/source-location': `url:https://${server.host}/acme/shop/tree/main/`,
      }),
    );
    expect(items).toHaveLength(1);
    expect(server.requests[0].path).toBe('/api/v3/repos/acme/shop/issues');
    expect(server.requests[0].headers.authorization).toMatch(/ghe-token/);
  });

  it('stops at maxItems', async () => {
    server.answer = () => ({
      json: [ghIssue(1), ghIssue(2), ghIssue(3)],
      headers: {
        Link: `<${server.url}/repos/acme/shop/issues?page=2>; rel="next"`,
      },
    });
    const { items, truncated } = await read(onGithubCom(), SHOP, 2);
    expect(items.map(i => i.key)).toEqual(['#1', '#2']);
    expect(truncated).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('never follows a next link to another server with the token', async () => {
    server.answer = () => ({
      json: [ghIssue(1)],
      headers: { Link: '<https://evil.example.com/steal>; rel="next"' },
    });
    expect(await read(onGithubCom(), SHOP).catch(e => e)).toMatchObject(
      providerError(
        'GitHub: the next page is on another server (https://evil.example.com)',
        { kind: 'bad-answer' },
      ),
    );
  });

  describe('errors', () => {
    const failure = () => read(onGithubCom(), SHOP).catch(e => e);

    it('401: token rejected', async () => {
      server.answer = () => ({
        status: 401,
        json: { message: 'Bad credentials' },
      });
      expect(await failure()).toMatchObject(
        providerError('GitHub: token rejected (HTTP 401)', {
          kind: 'rejected',
        }),
      );
    });

    it('403: may not read', async () => {
      server.answer = () => ({
        status: 403,
        headers: { 'x-ratelimit-remaining': '4000' },
        json: { message: 'Resource not accessible by integration' },
      });
      expect(await failure()).toMatchObject(
        providerError('GitHub: the token may not read acme/shop (HTTP 403)', {
          kind: 'rejected',
        }),
      );
    });

    it('403 with the rate limit used up: retry when it resets', async () => {
      const reset = Math.floor(Date.now() / 1000) + 90;
      server.answer = () => ({
        status: 403,
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(reset),
        },
        json: { message: 'API rate limit exceeded' },
      });
      const error = await read(onGithubCom(), SHOP).catch(e => e);
      expect(error.message).toMatch(
        /^GitHub: rate limited, retry after (89|90|91) s$/,
      );
      expect(error.kind).toBe('rate-limited');
    });

    it('403 with Retry-After (a secondary rate limit): retry after it, not "may not read"', async () => {
      server.answer = () => ({
        status: 403,
        headers: { 'retry-after': '60', 'x-ratelimit-remaining': '4990' },
        json: { message: 'You have exceeded a secondary rate limit.' },
      });
      expect(await failure()).toMatchObject(
        providerError('GitHub: rate limited, retry after 60 s', {
          kind: 'rate-limited',
          retryAfterSeconds: 60,
        }),
      );
    });

    it('403 with the rate limit used up and its reset already past: retry after 1 s', async () => {
      server.answer = () => ({
        status: 403,
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) - 5),
        },
        json: { message: 'API rate limit exceeded' },
      });
      expect(await failure()).toMatchObject(
        providerError('GitHub: rate limited, retry after 1 s', {
          kind: 'rate-limited',
        }),
      );
    });

    it('429 with Retry-After', async () => {
      server.answer = () => ({
        status: 429,
        headers: { 'retry-after': '60' },
        json: {},
      });
      expect(await failure()).toMatchObject(
        providerError('GitHub: rate limited, retry after 60 s', {
          kind: 'rate-limited',
          retryAfterSeconds: 60,
        }),
      );
    });

    it('404: repository not found', async () => {
      server.answer = () => ({ status: 404, json: { message: 'Not Found' } });
      expect(await failure()).toMatchObject(
        providerError(
          'GitHub: repository acme/shop not found on github.com, or the token cannot see it (HTTP 404)',
          { kind: 'not-found' },
        ),
      );
    });

    it('a moved repository: says where, never follows with the token', async () => {
      server.answer = () => ({
        status: 301,
        headers: { Location: 'https://api.github.com/repositories/42/issues' },
        json: { message: 'Moved Permanently' },
      });
      expect(await failure()).toMatchObject(
        providerError(
          'GitHub: moved (HTTP 301) to https://api.github.com/repositories/42/issues: update the annotation or the base URL',
          { kind: 'moved' },
        ),
      );
      expect(server.requests).toHaveLength(1);
    });

    it('a redirect: says where without its query string, which may hold a signature or token', async () => {
      server.answer = () => ({
        status: 302,
        headers: {
          Location:
            'https://objects.example.com/issues/export?X-Amz-Signature=abc123&token=s3cr3t#top',
        },
        json: {},
      });
      const error = await read(onGithubCom(), SHOP).catch(e => e);
      expect(error.message).toBe(
        'GitHub: moved (HTTP 302) to https://objects.example.com/issues/export: update the annotation or the base URL',
      );
    });

    it('a body that is not JSON', async () => {
      server.answer = () => ({ text: 'upstream connect error' });
      expect(await failure()).toMatchObject(
        providerError(
          'GitHub: unexpected answer (not JSON): upstream connect error',
          { kind: 'bad-answer' },
        ),
      );
    });

    it('JSON that is not a list of issues', async () => {
      server.answer = () => ({ json: { message: 'hi' } });
      expect(await failure()).toMatchObject(
        providerError(/^GitHub: unexpected shape of the answer \(/, {
          kind: 'bad-answer',
        }),
      );
    });

    it('a server that does not answer in time', async () => {
      server.answer = () => 'hang';
      const error = await onGithubCom()
        .readItems({
          entity: SHOP,
          entityRef: 'component:default/shop',
          credentials: mockCredentials.user(),
          maxItems: 10,
          signal: AbortSignal.timeout(200),
        })
        .catch(e => e);
      expect(error.message).toBe('GitHub: no answer in time');
      expect(error.kind).toBe('unreachable');
    });

    it('a server that is down', async () => {
      const provider = onGithubCom();
      await server.stop();
      const error = await read(provider, SHOP).catch(e => e);
      expect(error).toMatchObject(
        providerError(
          /^GitHub: could not be reached at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/,
          {
            kind: 'unreachable',
          },
        ),
      );
      server = await startTrackerServer(() => ({ json: [] }));
    });

    it.each([500, 502, 503])(
      '%p: GitHub itself is in trouble, not its settings',
      async status => {
        server.answer = () => ({ status, json: { message: 'Server Error' } });
        expect(await failure()).toMatchObject(
          providerError(`GitHub: HTTP ${status}: Server Error`, {
            kind: 'unavailable',
          }),
        );
      },
    );

    it('410 (issues turned off): the request as the annotation made it', async () => {
      server.answer = () => ({
        status: 410,
        json: { message: 'Issues are disabled for this repo' },
      });
      expect(await failure()).toMatchObject(
        providerError('GitHub: HTTP 410: Issues are disabled for this repo', {
          kind: 'bad-request',
        }),
      );
    });

    it('an integration without an API address: not configured', async () => {
      const ghe = GithubBacklogProvider.fromConfig(
        new ConfigReader({
          integrations: { github: [{ host: 'ghe.example.com' }] },
        }),
      );
      const onGhe = entity({
        'github.com/project-slug': 'acme/shop',
        'backstage.io/source-location':
          'url:https://ghe.example.com/acme/shop/tree/main/',
      });
      expect(await read(ghe, onGhe).catch(e => e)).toMatchObject(
        providerError(
          'GitHub: no integrations.github entry with an apiBaseUrl for ghe.example.com',
          { kind: 'not-configured' },
        ),
      );
    });

    it('no credentials for the repository: not configured', async () => {
      const integrations = ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            github: [{ host: 'github.com', apiBaseUrl: server.url }],
          },
        }),
      );
      const provider = new GithubBacklogProvider(integrations, {
        getCredentials: async () => {
          throw new Error('no installation for acme');
        },
      });
      expect(await read(provider, SHOP).catch(e => e)).toMatchObject(
        providerError(
          'GitHub: no credentials for github.com/acme/shop (no installation for acme)',
          { kind: 'not-configured' },
        ),
      );
      expect(server.requests).toHaveLength(0);
    });

    it.each([
      'acme',
      // A dot segment would move the API path: `repos/../user/issues` is `GET /user/issues`.
      '../user',
      '../..',
      'acme/..',
      'acme/.',
      './shop',
      '-acme/shop',
      'ac.me/shop',
      'acme/shop/issues',
      'acme/sh%2Fop',
      'acme/sh op',
    ])('a slug that is not owner/repo: %p, nothing requested', async slug => {
      expect(
        await read(
          onGithubCom(),
          entity({ 'github.com/project-slug': slug }),
        ).catch(e => e),
      ).toMatchObject(
        providerError(
          `GitHub: the github.com/project-slug annotation "${slug}" is not owner/repo`,
          { kind: 'invalid-annotation' },
        ),
      );
      expect(server.requests).toHaveLength(0);
    });

    it.each(['acme/.github', 'acme-corp/shop.v2', 'jane_acme/my_repo', 'a/b'])(
      'takes the slug %p GitHub accepts',
      async slug => {
        await read(onGithubCom(), entity({ 'github.com/project-slug': slug }));
        expect(server.requests).toHaveLength(1);
      },
    );
  });

  describe('paging to the end, and truncated only when more are known', () => {
    const page2 = () => ({
      Link: `<${server.url}/repos/acme/shop/issues?page=2>; rel="next"`,
    });

    it('lists an issue repeated by a page that shifted while reading once', async () => {
      // An issue opened after the first page was read pushed #2 onto the second page too.
      server.answer = ({ query }) =>
        query.get('page') === '2'
          ? { json: [ghIssue(2), ghIssue(1)] }
          : { json: [ghIssue(3), ghIssue(2)], headers: page2() };
      const { items, truncated } = await read(onGithubCom(), SHOP);
      expect(items.map(i => i.key)).toEqual(['#3', '#2', '#1']);
      expect(truncated).toBe(false);
    });

    it('exactly maxItems open issues, the next page only pull requests: not truncated', async () => {
      server.answer = ({ query }) =>
        query.get('page') === '2'
          ? { json: [pr(3)] }
          : { json: [ghIssue(1), ghIssue(2)], headers: page2() };
      const { items, truncated } = await read(onGithubCom(), SHOP, 2);
      expect(items.map(i => i.key)).toEqual(['#1', '#2']);
      expect(truncated).toBe(false);
      expect(server.requests).toHaveLength(2);
    });

    it('an open issue on the next page beyond maxItems: truncated', async () => {
      server.answer = ({ query }) =>
        query.get('page') === '2'
          ? { json: [pr(3), ghIssue(4)] }
          : { json: [ghIssue(1), ghIssue(2)], headers: page2() };
      const { items, truncated } = await read(onGithubCom(), SHOP, 2);
      expect(items.map(i => i.key)).toEqual(['#1', '#2']);
      expect(truncated).toBe(true);
    });

    it('looks a few pages beyond maxItems for another issue, then says truncated', async () => {
      let n = 0;
      server.answer = () =>
        ++n === 1
          ? { json: [ghIssue(1)], headers: page2() }
          : { json: [pr(n)], headers: page2() };
      const { items, truncated } = await read(onGithubCom(), SHOP, 1);
      expect(items.map(i => i.key)).toEqual(['#1']);
      expect(truncated).toBe(true);
      expect(server.requests).toHaveLength(4);
    });
  });

  it('reads a time without an offset as UTC, not in the server zone', async () => {
    // The tests run in America/St_Johns (UTC−03:30).
    server.answer = () => ({
      json: [ghIssue(1, { created_at: '2026-01-01T10:00:00' })],
    });
    const { items } = await read(onGithubCom(), SHOP);
    expect(items[0].createdAt).toBe('2026-01-01T10:00:00.000Z');
  });

  it('a rate limit resetting beyond a day: retry after a day', async () => {
    server.answer = () => ({
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '99999999999999',
      },
      json: { message: 'API rate limit exceeded' },
    });
    expect(await read(onGithubCom(), SHOP).catch(e => e)).toMatchObject(
      providerError('GitHub: rate limited, retry after 86400 s', {
        kind: 'rate-limited',
        retryAfterSeconds: 86400,
      }),
    );
  });

  it('never repeats the token an error body echoes', async () => {
    server.answer = ({ headers }) => ({
      status: 400,
      json: {
        message: `Bad request; you sent Authorization: ${headers.authorization}`,
      },
    });
    const error = await read(onGithubCom(), SHOP).catch(e => e);
    expect(error.message).toMatch(/^GitHub: HTTP 400: .*\[redacted\]/);
    expect(error.message).not.toContain('gh-token');
  });
});
