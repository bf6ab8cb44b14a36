/*
 * Open GitHub issues of an entity's repository (`github.com/project-slug: org/repo`), read with the
 * credentials of Backstage's `integrations.github` config (a token or a GitHub App installation).
 *
 * The host is the one of the entity's source location (`backstage.io/source-location`, else
 * `backstage.io/managed-by-location`) when an integration is configured for it, so GitHub
 * Enterprise entities are read from their own server's `apiBaseUrl`; otherwise github.com.
 *
 * GET {apiBaseUrl}/repos/{org}/{repo}/issues?state=open, paged by the `Link: <…>; rel="next"`
 * header. The issues API also lists pull requests: those (items with a `pull_request` key) are
 * dropped. GitHub has no rank or priority: items keep GitHub's listing order (newest first), and
 * a label `priority: <x>`, `priority/<x>` or `P0`…`P4` is taken as the priority.
 */
import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import {
  BacklogProvider,
  BacklogProviderError,
  BacklogProviderItem,
  BacklogReadRequest,
  BacklogReadResult,
} from '@stewardship/backstage-plugin-stewardship-node';
import { z } from 'zod/v4';
import { getTrackerJson, parseTrackerShape } from './trackerHttp';
import { trackerTime } from './utcInstant';

/** The annotation the GitHub provider reads. */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

/**
 * `owner/repo` as GitHub names them: an owner of letters, digits, `-` and `_` (managed users'
 * suffix) starting with a letter or digit, a repository of letters, digits, `.`, `-` and `_` but
 * never `.` or `..`. The slug goes into the API path, where `../user` would read
 * `GET /user/issues` (the token's own issues, across its private repositories).
 */
function isGithubSlug(slug: string): boolean {
  const match = /^([A-Za-z0-9][A-Za-z0-9_-]{0,99})\/([\w.-]{1,100})$/.exec(
    slug,
  );
  return Boolean(match) && match![2] !== '.' && match![2] !== '..';
}

const TITLE = 'GitHub';
const PAGE_SIZE = 100;
/**
 * Pages read after maxItems open issues to find whether there is another (a page may hold only
 * pull requests); a next page beyond them is taken to hold one.
 */
const LOOK_AHEAD_PAGES = 3;

const issueSchema = z.object({
  number: z.number(),
  title: z.string(),
  html_url: z.string(),
  state: z.string(),
  labels: z.array(z.union([z.string(), z.object({ name: z.string() })])),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  assignee: z.object({ login: z.string() }).nullish(),
  pull_request: z.unknown().optional(),
});
const pageSchema = z.array(issueSchema);

/** The URL of `rel="next"` in a Link header. */
function nextLink(link: string | null): string | undefined {
  for (const part of (link ?? '').split(',')) {
    const match = part.match(/<([^>]+)>\s*;\s*rel="?next"?/);
    if (match) return match[1];
  }
  return undefined;
}

const PRIORITY_LABEL = /^(?:priority\s*[:/]\s*(.+)|(p[0-4]))$/i;

/** A location annotation's host (`url:https://ghe.example.com/org/repo/…` → `ghe.example.com`). */
function locationHost(entity: Entity): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  for (const key of [
    'backstage.io/source-location',
    'backstage.io/managed-by-location',
  ]) {
    const value = annotations[key];
    if (value?.startsWith('url:')) {
      try {
        return new URL(value.slice(4)).host;
      } catch {
        // Not a URL: try the next one.
      }
    }
  }
  return undefined;
}

/** Open issues (never pull requests) of GitHub or GitHub Enterprise repositories. */
export class GithubBacklogProvider implements BacklogProvider {
  readonly id = 'github';
  readonly title = TITLE;

  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly credentials: GithubCredentialsProvider,
  ) {}

  static fromConfig(config: Config): GithubBacklogProvider {
    const integrations = ScmIntegrations.fromConfig(config);
    return new GithubBacklogProvider(
      integrations,
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    );
  }

  appliesTo(entity: Entity): boolean {
    return Boolean(
      entity.metadata.annotations?.[GITHUB_PROJECT_SLUG_ANNOTATION]?.trim(),
    );
  }

  async readItems(request: BacklogReadRequest): Promise<BacklogReadResult> {
    const slug =
      request.entity.metadata.annotations?.[
        GITHUB_PROJECT_SLUG_ANNOTATION
      ]?.trim() ?? '';
    if (!isGithubSlug(slug)) {
      throw new BacklogProviderError(
        `${TITLE}: the ${GITHUB_PROJECT_SLUG_ANNOTATION} annotation "${slug}" is not owner/repo`,
        { kind: 'invalid-annotation' },
      );
    }
    const host = locationHost(request.entity);
    const integration =
      (host && this.integrations.github.byHost(host)) ||
      this.integrations.github.byHost('github.com');
    if (!integration?.config.apiBaseUrl) {
      throw new BacklogProviderError(
        `${TITLE}: no integrations.github entry with an apiBaseUrl for ${
          host ?? 'github.com'
        }`,
        { kind: 'not-configured' },
      );
    }
    const { host: integrationHost, apiBaseUrl } = integration.config;
    let headers: Record<string, string>;
    try {
      const creds = await this.credentials.getCredentials({
        url: `https://${integrationHost}/${slug}`,
      });
      headers = { ...creds.headers };
    } catch (error) {
      throw new BacklogProviderError(
        `${TITLE}: no credentials for ${integrationHost}/${slug} (${
          (error as Error).message
        })`,
        { cause: error, kind: 'not-configured' },
      );
    }
    headers['X-GitHub-Api-Version'] = '2022-11-28';
    headers.Accept = 'application/vnd.github+json';

    const base = new URL(apiBaseUrl.replace(/\/+$/, ''));
    let url: URL | undefined = new URL(
      `${base.pathname.replace(/\/$/, '')}/repos/${slug}/issues`,
      base,
    );
    url.searchParams.set('state', 'open');
    url.searchParams.set('per_page', String(PAGE_SIZE));
    const words = {
      notFound: `repository ${slug} not found on ${integrationHost}, or the token cannot see it`,
      forbidden: `the token may not read ${slug}`,
      describe: (json: unknown) => (json as { message?: string })?.message,
      rateLimitOf: (response: Response) => {
        if (response.headers.get('x-ratelimit-remaining') !== '0') {
          return undefined;
        }
        const reset = Number(response.headers.get('x-ratelimit-reset'));
        // At least 1 s: a reset already past (clocks apart) is no reason to say "after 0 s".
        return Number.isFinite(reset) && reset > 0
          ? Math.max(1, Math.ceil(reset - Date.now() / 1000))
          : 60;
      },
    };

    const items: BacklogProviderItem[] = [];
    let truncated = false;
    // A page that shifted while reading (an issue opened or closed) repeats issues: each is kept
    // once, and counts once towards maxItems.
    const seen = new Set<number>();
    // Pages read once maxItems issues are in, looking for one more (pull requests may fill them).
    let pagesBeyond = 0;
    while (url) {
      const { json, headers: answer } = await getTrackerJson({
        title: TITLE,
        url,
        headers,
        signal: request.signal,
        words,
      });
      const page = parseTrackerShape(TITLE, pageSchema, json);
      if (items.length === request.maxItems) pagesBeyond++;
      for (const issue of page) {
        if (
          issue.pull_request !== undefined ||
          issue.state !== 'open' ||
          seen.has(issue.number)
        ) {
          continue;
        }
        // Truncated only when an open issue beyond maxItems is known to exist.
        if (items.length === request.maxItems) {
          truncated = true;
          break;
        }
        seen.add(issue.number);
        items.push(toItem(issue, slug));
      }
      const next = nextLink(answer.get('link'));
      if (truncated || !next) break;
      url = new URL(next, base);
      // Never send the token elsewhere than the integration's API.
      if (url.origin !== base.origin) {
        throw new BacklogProviderError(
          `${TITLE}: the next page is on another server (${url.origin})`,
          { kind: 'bad-answer' },
        );
      }
      // A next page that may hold more: looked into a few times, then taken to hold more.
      if (pagesBeyond >= LOOK_AHEAD_PAGES) {
        truncated = true;
        break;
      }
    }
    return { items, truncated };
  }
}

function toItem(
  issue: z.output<typeof issueSchema>,
  slug: string,
): BacklogProviderItem {
  const labels = issue.labels.map(l => (typeof l === 'string' ? l : l.name));
  let priority: string | undefined;
  for (const label of labels) {
    const match = label.trim().match(PRIORITY_LABEL);
    if (match) {
      priority = (match[1] ?? match[2]).trim();
      break;
    }
  }
  const time = (value: string) => trackerTime(TITLE, value);
  return {
    id: `github:${slug}#${issue.number}`,
    key: `#${issue.number}`,
    title: issue.title,
    link: issue.html_url,
    type: 'issue',
    labels,
    ...(priority && { priority }),
    createdAt: time(issue.created_at),
    ...(issue.updated_at && { updatedAt: time(issue.updated_at) }),
    status: issue.state,
    ...(issue.assignee && { assignee: issue.assignee.login }),
  };
}
