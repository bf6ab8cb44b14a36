/** A run's claim on the reminders it is about to send. */
export interface OwnershipReminderClaim {
  /** The run's id, unique per run. */
  claimant: string;
  /** When it claims. */
  at: Date;
  /**
   * How long a claim holds: another run's claim made `leaseMs` or more before `at` has lapsed
   * (its run is presumed dead) and is taken over.
   */
  leaseMs: number;
}

/**
 * When each ownership reminder was last sent, keyed by what it is about, and which run is sending
 * it now.
 */
export interface OwnershipReminderStore {
  /** The last sending of each of `keys` that was ever sent. */
  lastSent(keys: readonly string[]): Promise<Map<string, Date>>;

  /**
   * Claims all of `keys` for one run, or none of them: undefined when another run holds a claim
   * on one of them that has not lapsed, which it is sending. Atomic: of two runs claiming the
   * same key at once, one wins. On success, the last sending of each of `keys`, read after the
   * claim, so it includes what another run sent and marked before this claim.
   */
  claim(
    keys: readonly string[],
    claim: OwnershipReminderClaim,
  ): Promise<Map<string, Date> | undefined>;

  /**
   * Records that `keys` were sent at `at` (replacing earlier times) and ends `claimant`'s claims
   * on them (not another run's, which took them over after the lease).
   */
  markSent(keys: readonly string[], at: Date, claimant?: string): Promise<void>;

  /** Ends `claimant`'s claims on `keys` without marking them sent. */
  release(keys: readonly string[], claimant: string): Promise<void>;

  /**
   * Deletes claims made before `claimedBefore` (left by runs that died mid-send, on reminders
   * never claimed again since), at most `batchSize` (default
   * {@link REMINDER_CLAIM_PRUNE_BATCH_SIZE}) in one statement; returns how many. A claim taken
   * over (claimed again) while it runs is kept, and it never waits for a claiming run.
   */
  pruneClaims(
    claimedBefore: Date,
    options?: { batchSize?: number },
  ): Promise<number>;
}

/**
 * Claims one prune deletes at most. A run that dies mid-send leaves the claims of one
 * notification (one exemption, or one holder's roles), so a run every few hours deleting up to
 * this many keeps far ahead of what crashes leave, while the one statement stays short (and
 * SQLite's single writer is not held for long).
 */
export const REMINDER_CLAIM_PRUNE_BATCH_SIZE = 1_000;
