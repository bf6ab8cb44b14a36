import { Knex } from 'knex';
import { CoverageSummary } from '@stewardship/backstage-plugin-stewardship-common';
import { migrateToLatest } from './migrateToLatest';
import { OwnershipSnapshotStore } from './OwnershipSnapshotStore';

const SNAPSHOTS = 'ownership_scorecard_snapshots';

interface SnapshotRow {
  day: string;
  entities: number;
  compliant: number;
  business_ok: number;
  product_ok: number;
  engineering_ok: number;
  summary: string;
  /** Epoch milliseconds; PostgreSQL returns bigint columns as strings. */
  taken_at: number | string;
}

/** The knex-backed {@link OwnershipSnapshotStore}, on SQLite or PostgreSQL. */
export class DatabaseOwnershipSnapshotStore implements OwnershipSnapshotStore {
  private constructor(private readonly db: Knex) {}

  /** A store on an already migrated database; `StewardshipDatabase` hands it out. */
  static fromClient(client: Knex): DatabaseOwnershipSnapshotStore {
    return new DatabaseOwnershipSnapshotStore(client);
  }

  /** For tests that hand in a knex instance of their own: migrates it, then returns the store. */
  static async forTest(client: Knex): Promise<DatabaseOwnershipSnapshotStore> {
    await migrateToLatest(client);
    return new DatabaseOwnershipSnapshotStore(client);
  }

  async saveScorecardSnapshot(snapshot: {
    day: string;
    summary: CoverageSummary;
    takenAt: Date;
  }): Promise<void> {
    const { day, summary, takenAt } = snapshot;
    const row: SnapshotRow = {
      day,
      entities: summary.entities,
      compliant: summary.compliant,
      business_ok: summary.roles.business.ok,
      product_ok: summary.roles.product.ok,
      engineering_ok: summary.roles.engineering.ok,
      summary: JSON.stringify(summary),
      taken_at: takenAt.getTime(),
    };
    await this.db<SnapshotRow>(SNAPSHOTS).insert(row).onConflict('day').merge();
  }

  async listScorecardTrend(options: { sinceDay: string }) {
    const rows = await this.db<SnapshotRow>(SNAPSHOTS)
      .where('day', '>=', options.sinceDay)
      .orderBy('day', 'asc');
    return rows.map(row => ({
      day: row.day,
      entities: Number(row.entities),
      compliant: Number(row.compliant),
      roleOk: {
        business: Number(row.business_ok),
        product: Number(row.product_ok),
        engineering: Number(row.engineering_ok),
      },
    }));
  }
}
