import { DatabaseService } from '@backstage/backend-plugin-api';
import fs from 'fs';
import knexFactory, { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();

const migrationFiles = fs
  .readdirSync(StewardshipDatabase.migrationsDirectory)
  .filter(file => file.endsWith('.js'))
  .sort();

function databaseService(
  knex: Knex,
  migrations?: DatabaseService['migrations'],
): DatabaseService {
  return { getClient: async () => knex, migrations };
}

/** Counts migration runs as the database sees them: each run takes knex's migration lock. */
function countMigrationRuns(knex: Knex): () => number {
  let runs = 0;
  knex.on('query', (query: { sql: string }) => {
    if (/^update\s+\S*knex_migrations_lock\S*\s+set/i.test(query.sql)) {
      runs++;
    }
  });
  // Taking and releasing the lock are both updates.
  return () => runs / 2;
}

describe('StewardshipDatabase', () => {
  it.each(databases.eachSupportedId())(
    'migrates once and hands out working stores on one connection, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const migrationRuns = countMigrationRuns(knex);

      const db = await StewardshipDatabase.create({
        database: databaseService(knex),
      });

      expect(migrationRuns()).toBe(1);
      expect(
        (await knex('knex_migrations').orderBy('id').select('name')).map(
          row => row.name,
        ),
      ).toEqual(migrationFiles);

      await db.ownershipSnapshots.saveScorecardSnapshot({
        day: '2026-11-30',
        summary: {
          entities: 3,
          compliant: 1,
          roles: {
            business: {
              ok: 1,
              missing: 2,
              unresolved: 0,
              invalid: 0,
              orphaned: 0,
              exempt: 0,
            },
            product: {
              ok: 2,
              missing: 1,
              unresolved: 0,
              invalid: 0,
              orphaned: 0,
              exempt: 0,
            },
            engineering: {
              ok: 3,
              missing: 0,
              unresolved: 0,
              invalid: 0,
              orphaned: 0,
              exempt: 0,
            },
          },
        },
        takenAt: new Date('2026-11-30T08:00:00.123Z'),
      });
      expect(
        await db.ownershipSnapshots.listScorecardTrend({
          sinceDay: '2026-11-01',
        }),
      ).toEqual([
        {
          day: '2026-11-30',
          entities: 3,
          compliant: 1,
          roleOk: { business: 1, product: 2, engineering: 3 },
        },
      ]);

      const slo = await db.slos.createSlo(
        {
          entityRef: 'component:default/checkout',
          name: 'availability',
          sli: { type: 'ratio', good: 'good_total', total: 'all_total' },
          objective: 0.99,
          timeWindow: { type: 'rolling', duration: '28d' },
          budgetingMethod: 'occurrences',
          metricSource: 'prometheus',
          alertPolicies: [],
          labels: {},
        },
        'user:default/jane',
      );
      expect(await db.slos.getSlo(slo.id)).toEqual(slo);
      expect(migrationRuns()).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves the schema alone when migrations are skipped, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await StewardshipDatabase.create({
        database: databaseService(knex, { skip: true }),
      });
      await StewardshipDatabase.create({
        database: databaseService(knex),
        skipMigrations: true,
      });
      expect(await knex.schema.hasTable('ownership_scorecard_snapshots')).toBe(
        false,
      );
      expect(await knex.schema.hasTable('slos')).toBe(false);
    },
  );

  it('refuses a database client its SQL is not written for, before any query, saying what to configure', async () => {
    // MySQL runs the migrations but not the history, overview and review reads: refused at
    // start-up rather than answering 500 later. Nothing listens on port 9: a query would fail
    // with a connection error, not with this message.
    const mysql = knexFactory({
      client: 'mysql2',
      connection: { host: '127.0.0.1', port: 9, user: 'backstage' },
    });
    const queries: string[] = [];
    mysql.on('query', (query: { sql: string }) => queries.push(query.sql));
    try {
      await expect(
        StewardshipDatabase.create({ database: databaseService(mysql) }),
      ).rejects.toThrow(
        "Stewardship stores its data in PostgreSQL or SQLite, not in the database client 'mysql2' that backend.database names. Give the plugin a database of its own: backend.database.plugin.stewardship.client: pg (with its connection) or better-sqlite3.",
      );
      expect(queries).toEqual([]);
    } finally {
      await mysql.destroy();
    }
  });

  it.each(databases.eachSupportedId())(
    'gives the stores the clock of a test, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const db = await StewardshipDatabase.forTest(knex, {
        now: () => new Date('2026-12-24T18:30:00.250Z'),
      });
      const slo = await db.slos.createSlo(
        {
          entityRef: 'component:default/checkout',
          name: 'latency',
          sli: { type: 'ratio', good: 'fast_total', total: 'all_total' },
          objective: 0.95,
          timeWindow: { type: 'rolling', duration: '7d' },
          budgetingMethod: 'occurrences',
          metricSource: 'prometheus',
          alertPolicies: [],
          labels: {},
        },
        'user:default/jane',
      );
      expect(slo.createdAt).toBe('2026-12-24T18:30:00.250Z');
      const [row] = await knex('slos').where({ id: slo.id });
      expect(Number(row.created_at)).toBe(
        Date.UTC(2026, 11, 24, 18, 30, 0, 250),
      );
    },
  );
});
