/** When each ownership reminder was last sent, keyed by what it is about. */
export interface OwnershipReminderStore {
  /** The last sending of each of `keys` that was ever sent. */
  lastSent(keys: readonly string[]): Promise<Map<string, Date>>;

  /** Records that `keys` were sent at `at` (replacing earlier times). */
  markSent(keys: readonly string[], at: Date): Promise<void>;
}
