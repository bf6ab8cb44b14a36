import { SloStatus } from '@stewardship/backstage-plugin-stewardship-common';

/** A status owners can be told of: `no-data` never is. */
export type ToldSloStatus = Exclude<SloStatus, 'no-data'>;

/**
 * What an SLO's owners were last told: a status, and the moment (`at`) of the evaluation it came
 * from.
 */
export interface ToldSloState {
  status: ToldSloStatus;
  /**
   * The told evaluation's moment; undefined while nothing was told yet (a new SLO whose first
   * notification failed: it starts from `status`, and its first notification says no "was").
   */
  toldAt?: Date;
}

/**
 * The status each SLO's owners were last told of, for {@link SloStatusNotifier}. A status is
 * moved with a compare-and-set on the status and the told moment, so that of two runs that saw
 * the same change only one tells it, and one that read an older state moves nothing.
 */
export interface SloStatusNotificationStore {
  /** The told state of each of `sloIds` that has one. */
  toldStatuses(sloIds: readonly string[]): Promise<Map<string, ToldSloState>>;

  /**
   * Records where SLOs that have no told status yet start from, without notifying anyone (an SLO
   * whose first notifiable status is its starting point); SLOs that have one keep it.
   */
  recordStartingStatuses(
    statuses: ReadonlyMap<string, Required<ToldSloState>>,
    at: Date,
  ): Promise<void>;

  /**
   * Moves an SLO's told state from `from` to `to` if it still is `from`, status and moment
   * (`undefined`: the SLO has none yet); false when it is not (another run moved it first), and
   * nothing changes. `at`: when it moves.
   */
  moveToldStatus(
    sloId: string,
    from: ToldSloState | undefined,
    to: ToldSloState,
    at: Date,
  ): Promise<boolean>;
}
