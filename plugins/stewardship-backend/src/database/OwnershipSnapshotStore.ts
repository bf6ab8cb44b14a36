import {
  CoverageSummary,
  ScorecardTrendPoint,
} from '@stewardship/backstage-plugin-stewardship-common';

/** Persistence of the daily ownership scorecard snapshots. */
export interface OwnershipSnapshotStore {
  /** Stores the day's snapshot, replacing an earlier one of the same day. */
  saveScorecardSnapshot(snapshot: {
    day: string;
    summary: CoverageSummary;
    takenAt: Date;
  }): Promise<void>;

  /** Snapshots from `sinceDay` (inclusive), oldest first. */
  listScorecardTrend(options: {
    sinceDay: string;
  }): Promise<ScorecardTrendPoint[]>;
}
