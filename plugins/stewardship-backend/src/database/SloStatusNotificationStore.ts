import { SloStatus } from '@stewardship/backstage-plugin-stewardship-common';

/** A status owners can be told of: `no-data` never is. */
export type ToldSloStatus = Exclude<SloStatus, 'no-data'>;

/**
 * The status each SLO's owners were last told of, for {@link SloStatusNotifier}. A status is
 * moved with a compare-and-set, so that of two runs that saw the same change only one tells it.
 */
export interface SloStatusNotificationStore {
  /** The told status of each of `sloIds` that has one. */
  toldStatuses(sloIds: readonly string[]): Promise<Map<string, ToldSloStatus>>;

  /**
   * Records where SLOs that have no told status yet start from, without notifying anyone (an SLO
   * whose first notifiable status is its starting point); SLOs that have one keep it.
   */
  recordStartingStatuses(
    statuses: ReadonlyMap<string, ToldSloStatus>,
    at: Date,
  ): Promise<void>;

  /**
   * Moves an SLO's told status from `from` to `to` if it still is `from` (`undefined`: the SLO
   * has none yet); false when it is not (another run moved it first), and nothing changes.
   */
  moveToldStatus(
    sloId: string,
    from: ToldSloStatus | undefined,
    to: ToldSloStatus,
    at: Date,
  ): Promise<boolean>;
}
