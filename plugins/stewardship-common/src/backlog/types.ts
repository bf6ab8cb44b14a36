/**
 * One open work item of an entity's backlog, from an issue tracker (Jira, GitHub issues, a
 * provider added by a module) or built in (an SLO that is exhausted or at risk, an open incident
 * action item). Only open items are ever listed: done, closed and resolved ones are left out by
 * the provider.
 *
 * @public
 */
export interface BacklogItem {
  /**
   * Unique within one backlog answer: the provider's id and the item's own key, e.g.
   * `jira:PAY-12`, `github:acme/checkout#42`, `slo:<uuid>`, `action-item:<uuid>`.
   */
  id: string;
  /** The id of the provider that listed the item, e.g. `jira` (see {@link BacklogProviderState}). */
  provider: string;
  /** The tracker's own key, shown to users, e.g. `PAY-12` or `#42`. */
  key: string;
  /** The summary line. */
  title: string;
  /** Where the item lives, http(s): the tracker's page, or the SLO or incident in Backstage. */
  link?: string;
  /**
   * The tracker's item type, e.g. Jira's `Bug` or `Story`; `issue` for a GitHub issue; `slo` and
   * `action-item` for the built-in items.
   */
  type: string;
  /** Labels as the tracker spells them (GitHub labels, Jira labels). */
  labels: string[];
  /** The tracker's priority name, e.g. `High`; absent when the item has none (untriaged). */
  priority?: string;
  /**
   * The item's place in its provider's order, 1 for the first: Jira's `ORDER BY Rank`, GitHub's
   * newest-first listing, built-in items worst first. Ranks of different providers are merged
   * by number (see `mergeBacklogItems`).
   */
  rank: number;
  /** When the item was created (ISO 8601); the item's age is measured from it. */
  createdAt: string;
  /** When the item last changed (ISO 8601), when the tracker says. */
  updatedAt?: string;
  /** The tracker's status name, e.g. `To Do`, `In Progress`, `open`, `exhausted`. */
  status: string;
  /**
   * True when the tracker's status means nobody has looked at the item yet, e.g. a Jira status
   * named `Untriaged` or `Needs Triage`, or a GitHub issue labelled `needs-triage`. An item
   * without a priority is untriaged whatever this says.
   */
  awaitingTriage: boolean;
  /** Who works on it: the tracker's display name or login, or an entity ref; absent when unassigned. */
  assignee?: string;
  /**
   * Whether the item is reliability work: every built-in item, and tracker items whose type or
   * one of whose labels is configured as reliability work (by default types `Bug` and
   * `Incident`, labels `reliability`, `slo` and `incident`, compared case-insensitively).
   */
  reliability: boolean;
  /** Why the item counts as reliability work, e.g. `type Bug`, `label slo`, `built-in SLO item`. */
  reliabilityReason?: string;
}

/**
 * How one provider fared for one entity.
 *
 * - `ok`: every open item was read (or the first `maxItems`, see `truncated`).
 * - `error`: nothing could be read; `message` says why (e.g. `Jira: token rejected`). The other
 *   providers' items are still listed: the backlog is partial.
 *
 * @public
 */
export type BacklogProviderStatus = 'ok' | 'error';

/**
 * What kind of failure an `error` provider state is, so the Backlog tab can say what to check:
 *
 * - `unreachable`: the tracker could not be reached or did not answer in time (down, DNS, the
 *   network in between); the settings need not be wrong.
 * - `unavailable`: the tracker answered with a server error (HTTP 5xx).
 * - `rate-limited`: it asked to wait (see `retryAfterSeconds`).
 * - `rejected`: it refused the credentials (HTTP 401) or they may not read the project (HTTP 403).
 * - `not-found`: the project or repository the entity names does not exist there (HTTP 404; GitHub
 *   answers so also for a repository the token may not see).
 * - `moved`: it answered with a redirect (a renamed repository, a base URL that moved).
 * - `bad-request`: it refused the request as asked (another HTTP 4xx, e.g. Jira's 400 for JQL
 *   naming an unknown project).
 * - `bad-answer`: it answered something that is not its API's answer (not JSON, the wrong shape).
 * - `not-configured`: the backend has no (or incomplete) settings for the tracker.
 * - `invalid-annotation`: the entity's annotation is not usable (e.g. a GitHub slug that is not
 *   `owner/repo`); nothing was requested.
 *
 * @public
 */
export type BacklogProviderErrorKind =
  (typeof BACKLOG_PROVIDER_ERROR_KINDS)[number];

/**
 * Every {@link BacklogProviderErrorKind}, e.g. to check one a module's provider gave.
 *
 * @public
 */
export const BACKLOG_PROVIDER_ERROR_KINDS = [
  'unreachable',
  'unavailable',
  'rate-limited',
  'rejected',
  'not-found',
  'moved',
  'bad-request',
  'bad-answer',
  'not-configured',
  'invalid-annotation',
] as const;

/**
 * The state of one provider that applies to the entity (a provider whose annotation the entity
 * lacks is not listed).
 *
 * @public
 */
export interface BacklogProviderState {
  /** The provider's id, e.g. `jira`, `github`, `slos`, `incident-action-items`. */
  provider: string;
  /** Its name for people, e.g. `Jira`. */
  title: string;
  /** See {@link BacklogProviderStatus}. */
  status: BacklogProviderStatus;
  /** For `error`: a sentence starting with the provider's title, e.g. `Jira: token rejected`. */
  message?: string;
  /**
   * For `error`: what kind of failure it is (see {@link BacklogProviderErrorKind}); absent when
   * the provider did not say (a module's provider may not).
   */
  kind?: BacklogProviderErrorKind;
  /** For a rate-limited tracker: the seconds it asked to wait (`Retry-After`). */
  retryAfterSeconds?: number;
  /**
   * For `error`: the answer, this state with it, is reused for up to this many seconds before the
   * provider is read again (the backend's `stewardship.backlog.cacheTtl`); absent when answers
   * are not cached.
   */
  cachedForSeconds?: number;
  /** Items listed from this provider. */
  itemCount: number;
  /** True when the provider had more open items than it reads (its `maxItems`). */
  truncated?: boolean;
  /**
   * Items left out because their `createdAt` is not a date (a module's provider may send one):
   * their age could not be measured. Absent when none.
   */
  undated?: number;
  /** ISO time the items were read (they are cached briefly). */
  readAt: string;
}
