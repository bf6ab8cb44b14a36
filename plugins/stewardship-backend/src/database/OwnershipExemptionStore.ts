import { OwnershipExemption } from '@stewardship/backstage-plugin-stewardship-common';

/** Ownership exemptions; kept after they expire, deleted when removed. */
export interface OwnershipExemptionStore {
  createExemption(
    exemption: Omit<OwnershipExemption, 'id' | 'grantedAt'>,
  ): Promise<OwnershipExemption>;

  /** The entity's exemptions in force at `at`, expiring first first. */
  entityExemptions(entityRef: string, at: Date): Promise<OwnershipExemption[]>;

  /** Every exemption in force at `at`, for the scorecard. */
  exemptionsInForce(at: Date): Promise<OwnershipExemption[]>;

  /** Deletes the entity's exemption; false when there is no such exemption on that entity. */
  deleteExemption(entityRef: string, id: string): Promise<boolean>;
}
