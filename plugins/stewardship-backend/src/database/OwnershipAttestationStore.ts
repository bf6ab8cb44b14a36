import { OwnershipAttestation } from '@stewardship/backstage-plugin-stewardship-common';

/** The latest attestation of each role of each entity. */
export interface OwnershipAttestationStore {
  /** Stores the attestation, replacing the entity's earlier one for the role. */
  saveAttestation(attestation: OwnershipAttestation): Promise<void>;

  /** The entity's attestations (at most one per role). */
  entityAttestations(entityRef: string): Promise<OwnershipAttestation[]>;

  /** Every stored attestation, for the scorecard. */
  allAttestations(): Promise<OwnershipAttestation[]>;
}
