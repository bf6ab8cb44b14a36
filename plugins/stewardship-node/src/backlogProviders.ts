import {
  BackstageCredentials,
  createExtensionPoint,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  BacklogItem,
  BacklogProviderErrorKind,
} from '@stewardship/backstage-plugin-stewardship-common';

/**
 * One open item as a provider lists it. The backend adds `provider` and `rank` (the item's place
 * in the list the provider returned), decides `reliability` from the configured issue types and
 * labels unless the provider sets it, and marks the item `awaitingTriage` when the provider says
 * so or its status or a label is one of the configured untriaged ones.
 *
 * @public
 */
export type BacklogProviderItem = Omit<
  BacklogItem,
  'provider' | 'rank' | 'reliability' | 'reliabilityReason' | 'awaitingTriage'
> & {
  /** True when the tracker says nobody has triaged the item yet; see `BacklogItem.awaitingTriage`. */
  awaitingTriage?: boolean;
  /**
   * Set to `true` for items that are reliability work whatever their type and labels (the built-in
   * SLO and action items do); leave it out to let the configured types and labels decide.
   */
  reliability?: boolean;
  /** Why, when `reliability` is set, e.g. `built-in SLO item`. */
  reliabilityReason?: string;
};

/**
 * What {@link BacklogProvider.readItems} is asked for.
 *
 * @public
 */
export interface BacklogReadRequest {
  /** The entity, as the caller sees it in the catalog (the caller may see it). */
  entity: Entity;
  /** Its ref, lower-case `kind:namespace/name`. */
  entityRef: string;
  /**
   * The caller's credentials, for providers that read Backstage data as the caller (the built-in
   * ones do). Trackers are read with the provider's own credentials from config.
   */
  credentials: BackstageCredentials;
  /**
   * Read at most this many open items (the first ones in the tracker's order) and set
   * `truncated` when there were more.
   */
  maxItems: number;
  /**
   * Aborts when the backend's per-provider deadline passes. Pass it to every request; once it has
   * aborted, send no further request and reject.
   */
  signal: AbortSignal;
}

/**
 * What {@link BacklogProvider.readItems} answers.
 *
 * @public
 */
export interface BacklogReadResult {
  /** Open items only, in the tracker's order (its rank), at most `maxItems`. */
  items: BacklogProviderItem[];
  /** True when the tracker had more open items than `maxItems`. */
  truncated?: boolean;
}

/**
 * A source of an entity's open work items: an issue tracker, or Stewardship's own SLOs and incident
 * action items. Throw (a {@link BacklogProviderError} reads best) when the tracker refuses, is down,
 * slow or answers something unusable: the backlog then shows this provider as `error` with the
 * message, lists the other providers' items and never fails as a whole.
 *
 * @public
 */
export interface BacklogProvider {
  /** A stable id, unique among providers, e.g. `jira`; items' ids start with it. */
  id: string;
  /** The name users read in the provider's state, e.g. `Jira` (`Jira: token rejected`). */
  title: string;
  /**
   * Whether the entity says where its items are (usually an annotation, e.g. `jira/project-key`).
   * A provider that does not apply is not asked and not listed in the entity's backlog.
   */
  appliesTo(entity: Entity): boolean;
  /** Reads the entity's open items. */
  readItems(request: BacklogReadRequest): Promise<BacklogReadResult>;
}

/**
 * An error a backlog provider throws for a tracker that cannot be read; its message is shown to
 * users as is, so start it with the provider's title (`Jira: token rejected`). Give its `kind`
 * too: the Backlog tab then says what to check (the token, the entity's annotation, the settings),
 * or that the tracker is unreachable and the settings need not change; without it, the tab only
 * says to check the settings and that the tracker is reachable.
 *
 * ```ts
 * throw new BacklogProviderError('Linear: token rejected (HTTP 401)', { kind: 'rejected' });
 * ```
 *
 * @public
 */
export class BacklogProviderError extends Error {
  /**
   * What kind of failure it is, e.g. `unreachable` (down, DNS, no answer in time), `rejected`
   * (HTTP 401/403: the credentials), `not-found` (HTTP 404: the project or repository); see
   * `BacklogProviderErrorKind` of the common package. Copied into the provider's state.
   */
  readonly kind?: BacklogProviderErrorKind;
  /** For a rate-limited tracker: the seconds it asked to wait (its `Retry-After`). */
  readonly retryAfterSeconds?: number;

  constructor(
    message: string,
    options?: {
      cause?: unknown;
      kind?: BacklogProviderErrorKind;
      retryAfterSeconds?: number;
    },
  ) {
    super(message, options);
    this.name = 'BacklogProviderError';
    this.kind = options?.kind;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/**
 * Lets a backend module add backlog providers.
 *
 * @public
 */
export interface StewardshipBacklogProvidersExtensionPoint {
  /**
   * Adds a provider; an id already registered (a built-in one: `jira`, `github`, `slos`,
   * `incident-action-items`, or one added by another module) is an error.
   */
  addBacklogProvider(provider: BacklogProvider): void;
}

/**
 * The extension point for backlog providers, e.g.:
 *
 * ```ts
 * env.registerInit({
 *   deps: { backlog: stewardshipBacklogProvidersExtensionPoint, config: coreServices.rootConfig },
 *   async init({ backlog, config }) {
 *     backlog.addBacklogProvider(new LinearBacklogProvider(config));
 *   },
 * });
 * ```
 *
 * @public
 */
export const stewardshipBacklogProvidersExtensionPoint =
  createExtensionPoint<StewardshipBacklogProvidersExtensionPoint>({
    id: 'stewardship.backlog-providers',
  });
