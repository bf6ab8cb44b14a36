import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  SloOverview,
  SloOverviewFilter,
} from '@stewardship/backstage-plugin-stewardship-common';
import { SloStore } from '../database/SloStore';
import {
  SLO_OVERVIEW_ENTITY_FIELDS,
  SLO_SCOPE_KINDS,
  buildSloOverview,
} from './buildSloOverview';
import { sloOverviewCsv } from './sloOverviewCsv';

/**
 * The catalog-wide SLO overview behind `GET /slos/overview`. It reads the stored SLOs, their
 * latest snapshots and one catalog read with the caller's credentials (so an entity the caller
 * cannot see, and its SLOs, stay out); it never queries a metric source.
 */
export class SloOverviewService {
  constructor(
    private readonly deps: {
      store: SloStore;
      catalog: CatalogService;
      /** A snapshot older than this is stale (the same setting as SloService's). */
      stalenessMs: number;
      now?: () => Date;
    },
  ) {}

  async overview(
    filter: SloOverviewFilter,
    credentials: BackstageCredentials,
  ): Promise<SloOverview> {
    const at = (this.deps.now ?? (() => new Date()))();
    const { items: slos } = await this.deps.store.listSlos();
    // Scope kinds plus any other kind an SLO names, so such an SLO is listed when visible.
    const kinds = new Set([
      ...SLO_SCOPE_KINDS,
      ...slos.map(slo => slo.entityRef.slice(0, slo.entityRef.indexOf(':'))),
    ]);
    const [entities, snapshots] = await Promise.all([
      this.readEntities([...kinds], credentials),
      this.deps.store.latestSnapshotSummaries(
        slos.map(slo => slo.id),
        at,
      ),
    ]);
    return buildSloOverview({
      entities,
      slos,
      snapshots,
      filter,
      at,
      stalenessMs: this.deps.stalenessMs,
    });
  }

  /** Every listed SLO (no coverage section) as CSV, one row per SLO. */
  async overviewCsv(
    filter: SloOverviewFilter,
    credentials: BackstageCredentials,
  ): Promise<string> {
    return sloOverviewCsv((await this.overview(filter, credentials)).items);
  }

  private async readEntities(
    kinds: string[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const entities: Entity[] = [];
    for await (const page of this.deps.catalog.streamEntities(
      { filter: { kind: kinds }, fields: SLO_OVERVIEW_ENTITY_FIELDS },
      { credentials },
    )) {
      entities.push(...page);
    }
    return entities;
  }
}
