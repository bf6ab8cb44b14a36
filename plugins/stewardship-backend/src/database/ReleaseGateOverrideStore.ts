import { ReleaseGateOverride } from '@stewardship/backstage-plugin-stewardship-common';

/** Release-gate overrides; kept after they expire, as a record of who shipped past a block. */
export interface ReleaseGateOverrideStore {
  createOverride(
    override: Omit<ReleaseGateOverride, 'id' | 'createdAt'>,
  ): Promise<ReleaseGateOverride>;

  /**
   * The override in force for the entity at `at` (created at or before it, expiring after it);
   * of several, the one expiring last.
   */
  activeOverride(
    entityRef: string,
    at: Date,
  ): Promise<ReleaseGateOverride | undefined>;
}
