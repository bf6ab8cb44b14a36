import {
  OwnershipAttestation,
  OwnershipRole,
} from '@stewardship/backstage-plugin-stewardship-common';
import { Knex } from 'knex';
import { OwnershipAttestationStore } from './OwnershipAttestationStore';

const TABLE = 'ownership_attestations';

interface AttestationRow {
  entity_ref: string;
  role: string;
  value: string;
  attested_by: string;
  /** PostgreSQL returns bigint columns as strings. */
  attested_at: number | string;
  expires_at: number | string;
}

const iso = (value: number | string) => new Date(Number(value)).toISOString();

function toAttestation(row: AttestationRow): OwnershipAttestation {
  return {
    entityRef: row.entity_ref,
    role: row.role as OwnershipRole,
    value: row.value,
    attestedBy: row.attested_by,
    attestedAt: iso(row.attested_at),
    expiresAt: iso(row.expires_at),
  };
}

/** {@link OwnershipAttestationStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseOwnershipAttestationStore
  implements OwnershipAttestationStore
{
  static fromClient(db: Knex) {
    return new DatabaseOwnershipAttestationStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async saveAttestation(attestation: OwnershipAttestation): Promise<void> {
    const row: AttestationRow = {
      entity_ref: attestation.entityRef,
      role: attestation.role,
      value: attestation.value,
      attested_by: attestation.attestedBy,
      attested_at: Date.parse(attestation.attestedAt),
      expires_at: Date.parse(attestation.expiresAt),
    };
    await this.db(TABLE).insert(row).onConflict(['entity_ref', 'role']).merge();
  }

  async entityAttestations(entityRef: string): Promise<OwnershipAttestation[]> {
    const rows = await this.db<AttestationRow>(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy('role');
    return rows.map(toAttestation);
  }

  async allAttestations(): Promise<OwnershipAttestation[]> {
    const rows = await this.db<AttestationRow>(TABLE).orderBy([
      'entity_ref',
      'role',
    ]);
    return rows.map(toAttestation);
  }
}
