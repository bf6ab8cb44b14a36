import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SLO_KINDS,
  SloOverview,
  SloOverviewFilter,
} from '@stewardship/backstage-plugin-stewardship-common';
import { SloStore } from '../database/SloStore';
import { CatalogViewCache } from '../lib/CatalogViewCache';
import { CatalogVisibility } from '../lib/CatalogVisibility';
import {
  SLO_OVERVIEW_ENTITY_FIELDS,
  buildSloOverview,
} from './buildSloOverview';
import { asOfMoment } from './asOfMoment';
import { sloVersionsAt } from './isSnapshotStale';
import { sloOverviewCsv } from './sloOverviewCsv';

/** How long the overview reuses a catalog read when `stewardship.slos.overview.cacheTtl` is unset. */
export const DEFAULT_SLO_OVERVIEW_CACHE_TTL_MS = 60_000;

/**
 * The catalog-wide SLO overview behind `GET /slos/overview`. It reads the stored SLOs and their
 * latest snapshots on every request, and the catalog as the caller may see it (so an entity the
 * caller cannot see, and its SLOs, stay out); it never queries a metric source.
 *
 * The catalog read (titles, owners, systems, and which entities exist) is the slow part on a large
 * catalog and changes rarely, so it is kept per view of the catalog (CatalogViewCache, as the
 * scorecard's) for `stewardship.slos.overview.cacheTtl`: a filter change or a CSV download does
 * not stream the catalog again. SLOs and their statuses are always read fresh.
 */
export class SloOverviewService {
  private readonly entities: CatalogViewCache<Entity[]>;

  constructor(
    private readonly deps: {
      store: SloStore;
      catalog: CatalogService;
      visibility: CatalogVisibility;
      /** A snapshot older than this is stale (the same setting as SloService's). */
      stalenessMs: number;
      cacheTtlMs?: number;
      now?: () => Date;
    },
  ) {
    this.entities = new CatalogViewCache({
      ttlMs: deps.cacheTtlMs ?? DEFAULT_SLO_OVERVIEW_CACHE_TTL_MS,
      now: deps.now,
    });
  }

  /**
   * The overview as of `at` (default now): each SLO's latest snapshot taken by then, stale by
   * then, as the entity's SLO list gives it. The SLOs listed and the catalog read are today's, as
   * on the entity's tab (the catalog keeps no history).
   */
  async overview(
    filter: SloOverviewFilter,
    credentials: BackstageCredentials,
    asOf?: Date,
  ): Promise<SloOverview> {
    const now = (this.deps.now ?? (() => new Date()))();
    const at = asOfMoment(asOf, now);
    const { items: slos } = await this.deps.store.listSlos();
    // Scope kinds plus any other kind an SLO names, so such an SLO is listed when visible.
    const kinds = new Set([
      ...SLO_KINDS,
      ...slos.map(slo => slo.entityRef.slice(0, slo.entityRef.indexOf(':'))),
    ]);
    const [{ entities, readAt }, snapshots, versionAt] = await Promise.all([
      this.readEntities([...kinds], credentials, now),
      this.deps.store.latestSnapshotSummaries(
        slos.map(slo => slo.id),
        at,
      ),
      sloVersionsAt(this.deps.store, slos, asOf),
    ]);
    return buildSloOverview({
      entities,
      slos,
      snapshots,
      versionAt,
      filter,
      at,
      now,
      stalenessMs: this.deps.stalenessMs,
      catalogReadAt: readAt,
      live: asOf === undefined,
    });
  }

  /** Every listed SLO (no coverage section) as CSV, one row per SLO. */
  async overviewCsv(
    filter: SloOverviewFilter,
    credentials: BackstageCredentials,
    at?: Date,
  ): Promise<string> {
    return sloOverviewCsv((await this.overview(filter, credentials, at)).items);
  }

  /**
   * The entities of `kinds` the caller may see, from the caller's view's cached read, and when
   * that read began.
   */
  private async readEntities(
    kinds: string[],
    credentials: BackstageCredentials,
    at: Date,
  ): Promise<{ entities: Entity[]; readAt: Date }> {
    const view = await this.deps.visibility.catalogView(credentials);
    // Denied catalog reads: no entity, so no SLO, is shown.
    if (!view) return { entities: [], readAt: at };
    // The kinds are part of the key: an SLO on a kind not read before is never left out.
    const key = `${view.key} ${[...kinds].sort().join(',')}`;
    const { value, readAt } = await this.entities.get(key, async () => {
      const entities: Entity[] = [];
      for await (const page of this.deps.catalog.streamEntities(
        { filter: { kind: kinds }, fields: SLO_OVERVIEW_ENTITY_FIELDS },
        { credentials: view.credentials },
      )) {
        entities.push(...page);
      }
      return entities;
    });
    return { entities: value, readAt };
  }
}
