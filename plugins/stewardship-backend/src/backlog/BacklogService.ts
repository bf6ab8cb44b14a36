/*
 * An entity's backlog: every provider that applies to the entity is read at once, each under its
 * own deadline; a provider that fails (refused, down, slow, garbage) becomes an `error` state with
 * its message and the others' items are still served, so the answer is partial but never a 500.
 * Items are classified (reliability, untriaged), merged by rank and summed up in the health
 * figures of the common package. One answer is reused per entity and caller for `cacheTtl`, so a
 * tab being reloaded does not hit the trackers (or their rate limits) again; whether the caller
 * may read the entity is asked of the catalog on every read.
 */
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BACKLOG_PROVIDER_ERROR_KINDS,
  BacklogItem,
  BacklogProviderState,
  EntityBacklog,
  computeBacklogFigures,
  httpLink,
  mergeBacklogItems,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  BacklogProvider,
  BacklogProviderError,
  BacklogProviderItem,
} from '@stewardship/backstage-plugin-stewardship-node';
import { BacklogFiguresStore } from '../database/BacklogFiguresStore';
import { BacklogSettings } from './BacklogSettings';
import { errorMessage } from '../lib/errorMessage';
import { utcInstant } from './utcInstant';

const MAX_CACHED = 1000;

function callerKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${principal.type}:${
    principal.userEntityRef ?? principal.subject ?? ''
  }`;
}

export class BacklogService {
  private readonly cache = new Map<
    string,
    { expires: number; value: Promise<EntityBacklog> }
  >();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      providers: BacklogProvider[];
      settings: BacklogSettings;
      /**
       * Where complete figures are kept for the planning review (which calls no tracker), and a
       * failed read's failing providers, so the review can say the last read failed.
       */
      figuresStore?: Pick<
        BacklogFiguresStore,
        'saveBacklogFigures' | 'saveBacklogReadFailure'
      >;
      /** Told, at warn, of each provider that fails for an entity (once per computed answer). */
      logger?: LoggerService;
      now?: () => Date;
    },
  ) {}

  private now() {
    return (this.deps.now ?? (() => new Date()))();
  }

  /** The entity's backlog as the caller may see it; NotFoundError for an entity they cannot see. */
  async read(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityBacklog> {
    // Asked on every read, cached answer or not: a caller who has lost read access since is told
    // the entity does not exist, not served the items they saw before. Only the trackers' answer
    // is reused.
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    const { cacheTtlMs } = this.deps.settings;
    const key = `${entityRef} ${callerKey(credentials)}`;
    const nowMs = this.now().getTime();
    const hit = this.cache.get(key);
    if (hit && hit.expires > nowMs) return hit.value;
    const value = this.compute(entity, entityRef, credentials);
    if (cacheTtlMs > 0) {
      // Oldest first out: a Map iterates in insertion order.
      if (this.cache.size >= MAX_CACHED) {
        this.cache.delete(this.cache.keys().next().value!);
      }
      this.cache.set(key, { expires: nowMs + cacheTtlMs, value });
      // A failed read is not kept.
      value.catch(() => this.cache.delete(key));
    }
    return value;
  }

  private async compute(
    entity: Entity,
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityBacklog> {
    const applicable = this.deps.providers.filter(p => {
      try {
        return p.appliesTo(entity);
      } catch {
        return false;
      }
    });
    const results = await Promise.all(
      applicable.map(provider =>
        this.readProvider(provider, { entity, entityRef, credentials }),
      ),
    );
    // An id is unique in the answer: one a provider listed before (a module's provider may reuse
    // another's ids) is left out, and the later provider's items ranked and counted without it.
    const seen = new Set<string>();
    for (const result of results) {
      const kept = result.items.filter(item => !seen.has(item.id));
      kept.forEach(item => seen.add(item.id));
      if (kept.length < result.items.length) {
        result.items = kept.map((item, index) => ({
          ...item,
          rank: index + 1,
        }));
        result.state = { ...result.state, itemCount: kept.length };
      }
    }
    const items = mergeBacklogItems(results.map(r => r.items));
    const figures = computeBacklogFigures(items, {
      now: this.now(),
      topN: this.deps.settings.topN,
    });
    const providers = results.map(r => r.state);
    // Only complete figures are kept: a failing tracker's partial answer would understate the
    // backlog in the review, which is told of the failure instead (when, which providers, what
    // kind), not to open the Backlog tab again. A failed write only costs the review its
    // freshest word.
    const failed = providers.filter(p => p.status !== 'ok');
    if (this.deps.figuresStore && failed.length === 0) {
      await this.deps.figuresStore
        .saveBacklogFigures(entityRef, figures)
        .catch(() => undefined);
    } else if (this.deps.figuresStore) {
      await this.deps.figuresStore
        .saveBacklogReadFailure(entityRef, {
          at: figures.at,
          providers: failed.map(p => ({
            provider: p.provider,
            title: p.title,
            ...(p.kind !== undefined && { kind: p.kind }),
          })),
        })
        .catch(() => undefined);
    }
    return { entityRef, items, figures, providers };
  }

  private async readProvider(
    provider: BacklogProvider,
    request: Omit<
      Parameters<BacklogProvider['readItems']>[0],
      'signal' | 'maxItems'
    >,
  ): Promise<{ items: BacklogItem[]; state: BacklogProviderState }> {
    const { timeoutMs, maxItems } = this.deps.settings;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new BacklogProviderError(
            `${provider.title}: no answer within ${timeoutMs / 1000} s`,
            { kind: 'unreachable' },
          ),
        );
      }, timeoutMs);
    });
    try {
      // The race also ends a provider that ignores the signal.
      const result = await Promise.race([
        provider.readItems({ ...request, maxItems, signal: controller.signal }),
        deadline,
      ]);
      // An item listed twice (a tracker's page shifted while it was read: an issue added or
      // closed moves the others by one) is kept once, where it came first, so no figure counts it
      // twice.
      const ids = new Set<string>();
      const read = result.items
        .filter(item => {
          if (ids.has(item.id)) return false;
          ids.add(item.id);
          return true;
        })
        .slice(0, maxItems);
      // An item's age is measured from its creation date: one a module's provider left without a
      // readable date would count as 0 days old and flatter every age figure, so it is left out
      // and counted in the provider's state instead. The others are passed on as UTC instants.
      const dated = read.flatMap(item => {
        const createdAt = utcInstant(item.createdAt);
        return createdAt === undefined ? [] : [{ ...item, createdAt }];
      });
      const undated = read.length - dated.length;
      const items = dated.map((item, index) =>
        this.classify(provider.id, item, index + 1),
      );
      return {
        items,
        state: {
          provider: provider.id,
          title: provider.title,
          status: 'ok',
          itemCount: items.length,
          ...(result.truncated && { truncated: true }),
          ...(undated > 0 && { undated }),
          readAt: this.now().toISOString(),
        },
      };
    } catch (error) {
      const message = this.describeFailure(
        provider,
        error,
        controller.signal.aborted,
      );
      // Users see the message in the provider's state; operators get one line per failed read
      // (answers are cached for cacheTtl, so a reloaded tab does not repeat it).
      this.deps.logger?.warn(
        `Backlog provider "${provider.id}" failed for ${request.entityRef}: ${message}`,
      );
      const known = error instanceof BacklogProviderError ? error : undefined;
      const retryAfterSeconds = known?.retryAfterSeconds;
      // Past the deadline the provider is slow whatever it threw on being aborted.
      // A module's provider in plain JavaScript may give a kind the answer does not know.
      const kind = controller.signal.aborted
        ? 'unreachable'
        : BACKLOG_PROVIDER_ERROR_KINDS.find(k => k === known?.kind);
      const { cacheTtlMs } = this.deps.settings;
      return {
        items: [],
        state: {
          provider: provider.id,
          title: provider.title,
          status: 'error',
          message,
          ...(kind !== undefined && { kind }),
          ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
          ...(cacheTtlMs > 0 && {
            cachedForSeconds: Math.ceil(cacheTtlMs / 1000),
          }),
          itemCount: 0,
          readAt: this.now().toISOString(),
        },
      };
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  private describeFailure(
    provider: BacklogProvider,
    error: unknown,
    timedOut: boolean,
  ): string {
    if (timedOut) {
      return `${provider.title}: no answer within ${
        this.deps.settings.timeoutMs / 1000
      } s`;
    }
    if (error instanceof BacklogProviderError) return error.message;
    return `${provider.title}: ${errorMessage(error)}`;
  }

  private classify(
    provider: string,
    item: BacklogProviderItem,
    rank: number,
  ): BacklogItem {
    const { settings } = this.deps;
    const labels = item.labels.map(l => l.toLowerCase());
    let reliabilityReason = item.reliability
      ? item.reliabilityReason ?? 'marked by the provider'
      : undefined;
    if (item.reliability === undefined) {
      const label = item.labels.find(l =>
        settings.reliabilityLabels.includes(l.toLowerCase()),
      );
      if (settings.reliabilityTypes.includes(item.type.toLowerCase())) {
        reliabilityReason = `type ${item.type}`;
      } else if (label !== undefined) {
        reliabilityReason = `label ${label}`;
      }
    }
    const awaitingTriage =
      item.awaitingTriage === true ||
      settings.untriagedStatuses.includes(item.status.toLowerCase()) ||
      labels.some(l => settings.untriagedLabels.includes(l));
    const { reliability: _r, reliabilityReason: _why, link, ...rest } = item;
    // A tracker or a module's provider may answer any string: only an http(s) address is passed
    // on as the item's link (the item itself is kept).
    const httpAddress = httpLink(link);
    return {
      ...rest,
      ...(httpAddress !== undefined && { link: httpAddress }),
      provider,
      rank,
      awaitingTriage,
      reliability: reliabilityReason !== undefined,
      ...(reliabilityReason !== undefined && { reliabilityReason }),
    };
  }
}
