import {
  OwnershipExemption,
  OwnershipRole,
} from '@stewardship/backstage-plugin-stewardship-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { OwnershipExemptionStore } from './OwnershipExemptionStore';

const TABLE = 'ownership_exemptions';

interface ExemptionRow {
  id: string;
  entity_ref: string;
  role: string;
  reason: string;
  granted_by: string;
  /** PostgreSQL returns bigint columns as strings. */
  granted_at: number | string;
  expires_at: number | string;
}

const iso = (value: number | string) => new Date(Number(value)).toISOString();

function toExemption(row: ExemptionRow): OwnershipExemption {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    role: row.role as OwnershipRole,
    reason: row.reason,
    grantedBy: row.granted_by,
    grantedAt: iso(row.granted_at),
    expiresAt: iso(row.expires_at),
  };
}

/** {@link OwnershipExemptionStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseOwnershipExemptionStore
  implements OwnershipExemptionStore
{
  static fromClient(db: Knex, now: () => Date) {
    return new DatabaseOwnershipExemptionStore(db, now);
  }

  private constructor(
    private readonly db: Knex,
    private readonly now: () => Date,
  ) {}

  async createExemption(
    exemption: Omit<OwnershipExemption, 'id' | 'grantedAt'>,
  ): Promise<
    { created: OwnershipExemption } | { inForce: OwnershipExemption }
  > {
    return this.db.transaction(async tx => {
      // "One exemption in force per role" cannot be a unique index (expired rows stay, and what
      // is in force depends on the time), so concurrent grants for one role take turns: on
      // PostgreSQL through a transaction-scoped advisory lock on the entity and role; SQLite
      // runs one transaction at a time anyway.
      if (this.db.client.config.client === 'pg') {
        await tx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [
          `stewardship:ownership_exemptions:${exemption.entityRef}:${exemption.role}`,
        ]);
      }
      const now = this.now();
      const inForce = await this.inForce(now, tx)
        .where({ entity_ref: exemption.entityRef, role: exemption.role })
        .first();
      if (inForce) return { inForce: toExemption(inForce) };
      const row: ExemptionRow = {
        id: randomUUID(),
        entity_ref: exemption.entityRef,
        role: exemption.role,
        reason: exemption.reason,
        granted_by: exemption.grantedBy,
        granted_at: now.getTime(),
        expires_at: Date.parse(exemption.expiresAt),
      };
      await tx(TABLE).insert(row);
      return { created: toExemption(row) };
    });
  }

  async entityExemptions(
    entityRef: string,
    at: Date,
  ): Promise<OwnershipExemption[]> {
    const rows = await this.inForce(at).where({ entity_ref: entityRef });
    return rows.map(toExemption);
  }

  async exemptionsInForce(at: Date): Promise<OwnershipExemption[]> {
    return (await this.inForce(at)).map(toExemption);
  }

  async deleteExemption(
    entityRef: string,
    id: string,
  ): Promise<OwnershipExemption | undefined> {
    // Read and deleted in one transaction, so what is returned is the row that was deleted.
    return this.db.transaction(async tx => {
      const row = await tx<ExemptionRow>(TABLE)
        .where({ id, entity_ref: entityRef })
        .first();
      if (!row) return undefined;
      const deleted = await tx(TABLE).where({ id: row.id }).delete();
      return deleted > 0 ? toExemption(row) : undefined;
    });
  }

  private inForce(at: Date, db: Knex = this.db) {
    return db<ExemptionRow>(TABLE)
      .where('granted_at', '<=', at.getTime())
      .where('expires_at', '>', at.getTime())
      .orderBy([
        { column: 'expires_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
  }
}
