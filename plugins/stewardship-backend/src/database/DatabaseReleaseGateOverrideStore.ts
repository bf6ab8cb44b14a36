import { ReleaseGateOverride } from '@stewardship/backstage-plugin-stewardship-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { ReleaseGateOverrideStore } from './ReleaseGateOverrideStore';

interface OverrideRow {
  id: string;
  entity_ref: string;
  justification: string;
  created_by: string;
  /** PostgreSQL returns bigint columns as strings. */
  created_at: number | string;
  expires_at: number | string;
}

const iso = (value: number | string) => new Date(Number(value)).toISOString();

function toOverride(row: OverrideRow): ReleaseGateOverride {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    justification: row.justification,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
  };
}

/** {@link ReleaseGateOverrideStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseReleaseGateOverrideStore
  implements ReleaseGateOverrideStore
{
  static fromClient(db: Knex, now: () => Date) {
    return new DatabaseReleaseGateOverrideStore(db, now);
  }

  private constructor(
    private readonly db: Knex,
    private readonly now: () => Date,
  ) {}

  async createOverride(
    override: Omit<ReleaseGateOverride, 'id' | 'createdAt'>,
  ): Promise<ReleaseGateOverride> {
    const row: OverrideRow = {
      id: randomUUID(),
      entity_ref: override.entityRef,
      justification: override.justification,
      created_by: override.createdBy,
      created_at: this.now().getTime(),
      expires_at: Date.parse(override.expiresAt),
    };
    await this.db('release_gate_overrides').insert(row);
    return toOverride(row);
  }

  async activeOverride(
    entityRef: string,
    at: Date,
  ): Promise<ReleaseGateOverride | undefined> {
    const row = await this.db<OverrideRow>('release_gate_overrides')
      .where({ entity_ref: entityRef })
      .where('created_at', '<=', at.getTime())
      .where('expires_at', '>', at.getTime())
      .orderBy([
        { column: 'expires_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .first();
    return row ? toOverride(row) : undefined;
  }
}
