import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { CoverageSummary } from '@stewardship/backstage-plugin-stewardship-common';
import { StewardshipStore } from './StewardshipStore';

const migrationsDir = resolvePackagePath(
  '@stewardship/backstage-plugin-stewardship-backend',
  'migrations',
);

const SNAPSHOTS = 'ownership_scorecard_snapshots';

interface SnapshotRow {
  day: string;
  entities: number;
  compliant: number;
  business_ok: number;
  product_ok: number;
  engineering_ok: number;
  summary: string;
  taken_at: Date | string;
}

/** The knex-backed {@link StewardshipStore}, on SQLite or PostgreSQL. */
export class DatabaseStewardshipStore implements StewardshipStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseStewardshipStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!options.skipMigrations && !database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseStewardshipStore(client);
  }

  /** For tests that hand in a knex instance of their own. */
  static async forTest(client: Knex): Promise<DatabaseStewardshipStore> {
    await client.migrate.latest({ directory: migrationsDir });
    return new DatabaseStewardshipStore(client);
  }

  static get migrationsDirectory() {
    return migrationsDir;
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
      taken_at: takenAt,
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
