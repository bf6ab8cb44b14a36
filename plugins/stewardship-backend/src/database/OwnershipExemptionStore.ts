import { OwnershipExemption } from '@stewardship/backstage-plugin-stewardship-common';

/** Ownership exemptions; kept after they expire, deleted when removed. */
export interface OwnershipExemptionStore {
  /**
   * Stores the exemption, unless the entity's role already has one in force now: then nothing is
   * written and that one is returned as `inForce`. The check and the insert are one step, so of
   * concurrent grants for one role exactly one is stored.
   */
  createExemption(
    exemption: Omit<OwnershipExemption, 'id' | 'grantedAt'>,
  ): Promise<{ created: OwnershipExemption } | { inForce: OwnershipExemption }>;

  /** The entity's exemptions in force at `at`, expiring first first. */
  entityExemptions(entityRef: string, at: Date): Promise<OwnershipExemption[]>;

  /** Every exemption in force at `at`, for the scorecard. */
  exemptionsInForce(at: Date): Promise<OwnershipExemption[]>;

  /**
   * Deletes the entity's exemption and returns it (for the audit event); undefined when there is
   * no such exemption on that entity.
   */
  deleteExemption(
    entityRef: string,
    id: string,
  ): Promise<OwnershipExemption | undefined>;
}
