import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import {
  EntityOwnership,
  OwnershipScorecard,
} from '@stewardship/backstage-plugin-stewardship-common';
import { OwnershipSnapshotStore } from '../database/OwnershipSnapshotStore';
import { CatalogOwnershipReader } from './CatalogOwnershipReader';
import { buildScorecard, ScorecardQuery, summarize } from './buildScorecard';
import { scorecardCsv } from './scorecardCsv';

/** How far back the scorecard trend reaches. */
const TREND_DAYS = 90;

/** The ownership capability: per-entity evaluation, the scorecard and its daily history. */
export class OwnershipService {
  constructor(
    private readonly reader: CatalogOwnershipReader,
    private readonly store: OwnershipSnapshotStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  getEntityOwnership(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityOwnership> {
    return this.reader.evaluateEntity(ref, credentials);
  }

  async getScorecard(
    query: ScorecardQuery,
    credentials: BackstageCredentials,
  ): Promise<OwnershipScorecard> {
    const [evaluations, trend] = await Promise.all([
      this.reader.evaluateCatalog(credentials),
      this.store.listScorecardTrend({
        sinceDay: DateTime.fromJSDate(this.now(), { zone: 'utc' })
          .minus({ days: TREND_DAYS })
          .toISODate()!,
      }),
    ]);
    return buildScorecard(evaluations, query, trend, this.now());
  }

  /** Every failing entity matching the filter (no paging), as CSV. */
  async getScorecardCsv(
    query: Omit<ScorecardQuery, 'offset' | 'limit' | 'groupBy'>,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const evaluations = await this.reader.evaluateCatalog(credentials);
    const { failing } = buildScorecard(
      evaluations,
      { ...query, offset: 0, limit: Number.MAX_SAFE_INTEGER },
      [],
      this.now(),
    );
    return scorecardCsv(failing.items);
  }

  /** Stores today's coverage of the whole catalog; called by the scheduled task. */
  async takeScorecardSnapshot(credentials: BackstageCredentials) {
    const evaluations = await this.reader.evaluateCatalog(credentials);
    const takenAt = this.now();
    const summary = summarize(evaluations.filter(e => e.applies));
    await this.store.saveScorecardSnapshot({
      day: DateTime.fromJSDate(takenAt, { zone: 'utc' }).toISODate()!,
      summary,
      takenAt,
    });
    return summary;
  }
}
