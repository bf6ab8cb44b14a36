import {
  isSnapshotTooOld,
  SloDefinition,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { SloStore } from '../database/SloStore';

/**
 * Whether a snapshot can no longer stand for its SLO as of `at`: it was taken for a version older
 * than the one the SLO had at `at` (`versionAt`: today's version when `at` is now; see
 * `SloStore.versionsAsOf` for a past moment, so an edit made later does not make an earlier
 * snapshot stale), or it is older than `stalenessMs` (twice the evaluation cadence, see
 * SloSettings). The SLO tab, single-SLO status, the catalog-wide overview and the planning review
 * all use this one rule; an SLO without any snapshot is stale too, which callers decide before
 * asking.
 */
export function isSnapshotStale(
  snapshot: Pick<SloEvaluation, 'sloVersion' | 'at'>,
  at: Date,
  versionAt: number,
  stalenessMs: number,
): boolean {
  return (
    snapshot.sloVersion < versionAt ||
    isSnapshotTooOld(snapshot.at, at, stalenessMs)
  );
}

/**
 * The version each of `slos` had as of `at`, for {@link isSnapshotStale}: today's when `at` is not
 * given (now), else read from the revisions. An SLO created after `at` had none (0): a snapshot
 * stored for that moment later (`POST /slos/{id}/evaluate?at=`) is then not stale by version.
 */
export async function sloVersionsAt(
  store: Pick<SloStore, 'versionsAsOf'>,
  slos: SloDefinition[],
  at: Date | undefined,
): Promise<(slo: SloDefinition) => number> {
  if (at === undefined) return slo => slo.version;
  const versions = await store.versionsAsOf(
    slos.map(slo => slo.id),
    at,
  );
  return slo => versions.get(slo.id) ?? 0;
}
