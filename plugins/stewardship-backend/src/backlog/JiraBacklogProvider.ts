/*
 * Open Jira issues of an entity, read by the backend with its own credentials (never through the
 * frontend proxy, so tokens stay on the server).
 *
 * Jira Cloud: GET /rest/api/3/search/jql, paged with `nextPageToken` until `isLast` (the old
 * /rest/api/3/search answers 410 since 2025 and has `startAt`/`total`; the new one has neither).
 * Jira Data Center: GET /rest/api/2/search, paged with `startAt` until `total`.
 *
 * The JQL comes from the entity's annotations (those of the community Jira plugins):
 * `jira/all-issues-jql` when present, else `project = KEY` narrowed by `jira/component` and
 * `jira/label` (comma-separated lists); always `AND statusCategory != Done ORDER BY Rank ASC`, so
 * only open items come back, in the board's order.
 */
import { Config } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
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
import { assertKnownKeys } from '../metricSources/sourceHttp';
import { assertHeaderValue } from '../lib/requestHeaderValue';
import { withoutUserInfo } from '../lib/withoutCredentials';

/** The annotations the Jira provider reads. */
export const JIRA_ANNOTATIONS = {
  projectKey: 'jira/project-key',
  component: 'jira/component',
  label: 'jira/label',
  allIssuesJql: 'jira/all-issues-jql',
} as const;

const TITLE = 'Jira';
/** Pages read beyond those maxItems needs, for pages with fewer issues than asked for. */
const EXTRA_PAGES = 10;
const FIELDS =
  'summary,issuetype,status,priority,labels,created,updated,assignee';

/** `stewardship.backlog.jira`, checked. */
export interface JiraSettings {
  baseUrl: URL;
  product: 'cloud' | 'datacenter';
  /** The Authorization header value, or none (anonymous). */
  authorization?: string;
  pageSize: number;
}

/** Reads `stewardship.backlog.jira`; undefined when absent; throws for invalid config. */
export function readJiraSettings(root: Config): JiraSettings | undefined {
  const config = root.getOptionalConfig('stewardship.backlog.jira');
  if (!config) return undefined;
  const key = 'stewardship.backlog.jira';
  // A misspelt key (`Token`) would otherwise be ignored, and every read sent anonymously.
  assertKnownKeys(
    config,
    ['baseUrl', 'product', 'email', 'apiToken', 'token', 'pageSize'],
    key,
  );
  const raw = config.getString('baseUrl');
  // Quoted without what may be a user name and password, should the URL be malformed.
  const quoted = withoutUserInfo(raw);
  let baseUrl: URL;
  try {
    baseUrl = new URL(raw.replace(/\/+$/, ''));
  } catch {
    throw new Error(`${key}.baseUrl must be an http(s) URL, got "${quoted}"`);
  }
  if (baseUrl.username || baseUrl.password) {
    // Not echoed: the URL holds a secret. fetch refuses such URLs, and its error quotes them.
    throw new Error(
      `${key}.baseUrl holds a user name or password: give them as email and apiToken (or token) instead`,
    );
  }
  if (!/^https?:$/.test(baseUrl.protocol)) {
    throw new Error(`${key}.baseUrl must be an http(s) URL, got "${quoted}"`);
  }
  const product = config.getOptionalString('product') ?? 'cloud';
  if (product !== 'cloud' && product !== 'datacenter') {
    throw new Error(
      `${key}.product must be cloud or datacenter, got "${product}"`,
    );
  }
  const email = config.getOptionalString('email');
  const apiToken = config.getOptionalString('apiToken');
  const token = config.getOptionalString('token');
  let authorization: string | undefined;
  if (token && (email || apiToken)) {
    // One would silently win over the other, and a wrong guess fails only when a tab reads.
    throw new Error(
      `${key}: set either token (Data Center) or email and apiToken (Jira Cloud), not both`,
    );
  }
  if (token) {
    authorization = `Bearer ${assertHeaderValue(token, `${key}.token`)}`;
  } else if (email && apiToken) {
    authorization = `Basic ${Buffer.from(`${email}:${apiToken}`).toString(
      'base64',
    )}`;
  } else if (email || apiToken) {
    throw new Error(
      `${key}: set both email and apiToken (Jira Cloud), or token (Data Center)`,
    );
  }
  const pageSize = config.getOptionalNumber('pageSize') ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    throw new Error(`${key}.pageSize must be an integer from 1 to 1000`);
  }
  return { baseUrl, product, authorization, pageSize };
}

const named = z.object({ name: z.string() }).nullish();
const issueSchema = z.object({
  key: z.string(),
  fields: z.object({
    summary: z.string(),
    issuetype: named,
    status: z
      .object({
        name: z.string(),
        statusCategory: z.object({ key: z.string() }).nullish(),
      })
      .nullish(),
    priority: named,
    labels: z.array(z.string()).nullish(),
    created: z.string(),
    updated: z.string().nullish(),
    assignee: z
      .object({
        displayName: z.string().nullish(),
        name: z.string().nullish(),
      })
      .nullish(),
  }),
});
const cloudPage = z.object({
  issues: z.array(issueSchema),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});
const dataCenterPage = z.object({
  startAt: z.number(),
  total: z.number(),
  issues: z.array(issueSchema),
});

/** `"a \"b\""`: a JQL string literal. */
const jqlString = (value: string) =>
  `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);

/** Jira's `2026-01-15T10:30:00.000+0000` as ISO 8601 UTC; one without an offset is UTC. */
export function jiraTime(value: string): string {
  return trackerTime(TITLE, value);
}

/**
 * The JQL outside its string literals: the index of each character that is neither in a quoted
 * string nor the quote opening or closing one (a backslash escapes the next character inside
 * one), then whether every string was closed.
 */
function* outsideStrings(jql: string): Generator<number, boolean> {
  let quote: string | undefined;
  for (let i = 0; i < jql.length; i++) {
    const c = jql[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else {
      yield i;
    }
  }
  return quote === undefined;
}

/**
 * `jql` up to its own ORDER BY, if any: the first one outside its string literals, at the start or
 * after whitespace (`summary ~ "fix ORDER BY bug"` is a filter, not an order).
 */
function withoutOrderBy(jql: string): string {
  // Sticky: matches at lastIndex only.
  const orderBy = /ORDER\s+BY(\s|$)/iy;
  for (const i of outsideStrings(jql)) {
    if (i === 0 || /\s/.test(jql[i - 1])) {
      orderBy.lastIndex = i;
      if (orderBy.test(jql)) return jql.slice(0, i);
    }
  }
  return jql;
}

/**
 * Whether every parenthesis of `jql` outside its string literals closes one opened before, and
 * every string literal is closed.
 */
function parenthesesBalance(jql: string): boolean {
  let depth = 0;
  const walk = outsideStrings(jql);
  for (let step = walk.next(); ; step = walk.next()) {
    if (step.done) return depth === 0 && step.value;
    const c = jql[step.value];
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
}

/** The JQL for an entity's open issues, in rank order. */
export function jiraJql(entity: Entity): string {
  const annotations = entity.metadata.annotations ?? {};
  const custom = annotations[JIRA_ANNOTATIONS.allIssuesJql]?.trim();
  let filter: string;
  if (custom) {
    // Our own order: the board's rank. Their ORDER BY is dropped.
    const own = withoutOrderBy(custom).trim();
    if (!own) {
      throw new BacklogProviderError(
        `${TITLE}: the ${JIRA_ANNOTATIONS.allIssuesJql} annotation has no filter, only an ORDER BY`,
        { kind: 'invalid-annotation' },
      );
    }
    // Wrapped in parentheses so "AND statusCategory != Done" applies to all of it: a closing
    // parenthesis of its own ("a) OR (b") would escape them and list done issues too.
    if (!parenthesesBalance(own)) {
      throw new BacklogProviderError(
        `${TITLE}: the ${JIRA_ANNOTATIONS.allIssuesJql} annotation has unbalanced parentheses or an unclosed string`,
        { kind: 'invalid-annotation' },
      );
    }
    filter = `(${own})`;
  } else {
    const key = annotations[JIRA_ANNOTATIONS.projectKey]?.trim() ?? '';
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) {
      throw new BacklogProviderError(
        `${TITLE}: the ${JIRA_ANNOTATIONS.projectKey} annotation "${key}" is not a project key`,
        { kind: 'invalid-annotation' },
      );
    }
    const parts = [`project = ${jqlString(key)}`];
    const components = list(annotations[JIRA_ANNOTATIONS.component]);
    if (components.length) {
      parts.push(`component in (${components.map(jqlString).join(', ')})`);
    }
    const labels = list(annotations[JIRA_ANNOTATIONS.label]);
    if (labels.length) {
      parts.push(`labels in (${labels.map(jqlString).join(', ')})`);
    }
    filter = parts.join(' AND ');
  }
  return `${filter} AND statusCategory != Done ORDER BY Rank ASC`;
}

type JiraIssue = z.output<typeof issueSchema>;

/** Open issues of Jira Cloud or Data Center, per `stewardship.backlog.jira`. */
export class JiraBacklogProvider implements BacklogProvider {
  readonly id = 'jira';
  readonly title = TITLE;

  constructor(private readonly settings: JiraSettings | undefined) {}

  static fromConfig(config: Config): JiraBacklogProvider {
    return new JiraBacklogProvider(readJiraSettings(config));
  }

  appliesTo(entity: Entity): boolean {
    const annotations = entity.metadata.annotations ?? {};
    return Boolean(
      annotations[JIRA_ANNOTATIONS.projectKey]?.trim() ||
        annotations[JIRA_ANNOTATIONS.allIssuesJql]?.trim(),
    );
  }

  async readItems(request: BacklogReadRequest): Promise<BacklogReadResult> {
    const settings = this.settings;
    if (!settings) {
      throw new BacklogProviderError(
        `${TITLE}: not configured (set stewardship.backlog.jira.baseUrl)`,
        { kind: 'not-configured' },
      );
    }
    const jql = jiraJql(request.entity);
    // The custom JQL wins over the project key (jiraJql), so errors name what was asked.
    const annotations = request.entity.metadata.annotations ?? {};
    const project = annotations[JIRA_ANNOTATIONS.allIssuesJql]?.trim()
      ? 'of the JQL'
      : annotations[JIRA_ANNOTATIONS.projectKey] ?? 'of the JQL';
    const words = {
      notFound: `project ${project} not found at ${settings.baseUrl.origin}`,
      forbidden: `the credentials may not read project ${project}`,
      describe: (json: unknown) => {
        const body = json as { errorMessages?: unknown };
        return Array.isArray(body?.errorMessages)
          ? body.errorMessages.filter(m => typeof m === 'string').join('; ')
          : undefined;
      },
    };
    const headers: Record<string, string> = settings.authorization
      ? { Authorization: settings.authorization }
      : {};
    const issues: JiraIssue[] = [];
    let truncated = false;
    const { maxItems, signal } = request;
    // One issue more than maxItems is asked for: seeing it is how a read knows there were more.
    const pageSize = Math.min(settings.pageSize, maxItems + 1);

    const search = async (path: string, params: Record<string, string>) => {
      const url = new URL(
        `${settings.baseUrl.pathname.replace(/\/$/, '')}${path}`,
        settings.baseUrl,
      );
      url.searchParams.set('jql', jql);
      url.searchParams.set('fields', FIELDS);
      url.searchParams.set('maxResults', String(pageSize));
      for (const [key, value] of Object.entries(params)) {
        url.searchParams.set(key, value);
      }
      return (
        await getTrackerJson({ title: TITLE, url, headers, signal, words })
      ).json;
    };
    /**
     * One page: its issues, where the next one starts (none after the last) and, from Data Center,
     * how many issues match in all.
     */
    const readPage = async (
      cursor: string | undefined,
    ): Promise<{ issues: JiraIssue[]; next?: string; total?: number }> => {
      if (settings.product === 'cloud') {
        const page = parseTrackerShape(
          TITLE,
          cloudPage,
          await search(
            '/rest/api/3/search/jql',
            cursor ? { nextPageToken: cursor } : {},
          ),
        );
        // A page may hold fewer issues than asked for, even none, and still not be the last:
        // the token is followed while one is given.
        return {
          issues: page.issues,
          next:
            page.isLast !== true && page.nextPageToken
              ? page.nextPageToken
              : undefined,
        };
      }
      const page = parseTrackerShape(
        TITLE,
        dataCenterPage,
        await search('/rest/api/2/search', { startAt: cursor ?? '0' }),
      );
      const end = page.startAt + page.issues.length;
      // An empty page before the total: issues were closed while reading, none are left.
      return {
        issues: page.issues,
        next:
          end < page.total && page.issues.length > 0 ? String(end) : undefined,
        total: page.total,
      };
    };

    // Pages enough for maxItems + 1 issues, and some to spare for short or empty ones (Jira Cloud
    // answers such pages); a tracker that pages on beyond is cut off there, truncated.
    const maxPages = Math.ceil((maxItems + 1) / pageSize) + EXTRA_PAGES;
    // A page that shifted while reading (an issue added or closed) repeats issues: each is kept
    // once, and counts once towards maxItems.
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let pages = 1; ; pages++) {
      const page = await readPage(cursor);
      for (const issue of page.issues) {
        if (!seen.has(issue.key)) {
          seen.add(issue.key);
          issues.push(issue);
        }
      }
      // Truncated only when an issue beyond maxItems is known to exist: seen, or counted in
      // Data Center's total.
      if (
        issues.length > maxItems ||
        (issues.length === maxItems && (page.total ?? 0) > maxItems)
      ) {
        truncated = true;
        break;
      }
      if (page.next === undefined) break;
      if (pages >= maxPages) {
        truncated = true;
        break;
      }
      cursor = page.next;
    }
    const origin = settings.baseUrl.href.replace(/\/$/, '');
    return {
      items: issues.slice(0, maxItems).map(issue => toItem(issue, origin)),
      truncated,
    };
  }
}

function toItem(issue: JiraIssue, origin: string): BacklogProviderItem {
  const { fields } = issue;
  return {
    id: `jira:${issue.key}`,
    key: issue.key,
    title: fields.summary,
    link: `${origin}/browse/${encodeURIComponent(issue.key)}`,
    type: fields.issuetype?.name ?? 'Issue',
    labels: fields.labels ?? [],
    ...(fields.priority?.name && { priority: fields.priority.name }),
    createdAt: jiraTime(fields.created),
    ...(fields.updated && { updatedAt: jiraTime(fields.updated) }),
    status: fields.status?.name ?? 'unknown',
    ...((fields.assignee?.displayName || fields.assignee?.name) && {
      assignee: (fields.assignee.displayName || fields.assignee.name)!,
    }),
  };
}
