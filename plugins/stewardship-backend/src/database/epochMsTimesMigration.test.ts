import fs from 'fs';
import { Knex } from 'knex';
import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseOwnershipSnapshotStore } from './DatabaseOwnershipSnapshotStore';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();

const MIGRATION = '202612010900_epoch_ms_times.js';
const TABLE = 'ownership_scorecard_snapshots';

const files = fs
  .readdirSync(StewardshipDatabase.migrationsDirectory)
  .filter(file => file.endsWith('.js'))
  .sort();
const previous = files[files.indexOf(MIGRATION) - 1];

/** A row as the timestamp-era store wrote it (a Date), and one written as ISO text. */
const written = {
  day: '2026-11-22',
  entities: 10,
  compliant: 4,
  business_ok: 4,
  product_ok: 5,
  engineering_ok: 10,
  summary: '{"entities":10,"compliant":4}',
};
const writtenAsText = { ...written, day: '2026-11-20', compliant: 3 };
const takenAtMs = Date.UTC(2026, 10, 22, 2, 3, 4, 567);
const textTakenAtMs = Date.UTC(2026, 10, 20, 1, 0, 0, 250);

/** Any stored time as epoch ms: a Date (PostgreSQL timestamp), a number or a numeric string. */
function epochMs(value: unknown): number {
  if (value instanceof Date) {
    return value.getTime();
  }
  if (typeof value === 'number' || /^\d+$/.test(String(value))) {
    return Number(value);
  }
  throw new Error(`Unexpected stored time ${JSON.stringify(value)}`);
}

async function rows(knex: Knex) {
  const all = await knex(TABLE).orderBy('day', 'asc');
  return all.map(({ taken_at, ...rest }) => ({
    ...rest,
    entities: Number(rest.entities),
    compliant: Number(rest.compliant),
    business_ok: Number(rest.business_ok),
    product_ok: Number(rest.product_ok),
    engineering_ok: Number(rest.engineering_ok),
    takenAtMs: epochMs(taken_at),
  }));
}

const expectedRows = [
  { ...writtenAsText, takenAtMs: textTakenAtMs },
  { ...written, takenAtMs },
];

describe('migration 202612010900_epoch_ms_times.js', () => {
  it.each(databases.eachSupportedId())(
    'converts taken_at to epoch ms and back, up, down and up again, keeping every row, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const postgres = databaseId.startsWith('POSTGRES');
      const columnType = () => knex(TABLE).columnInfo('taken_at');

      await migrateUpTo(knex, previous);
      await knex(TABLE).insert({
        ...written,
        taken_at: new Date(takenAtMs),
      });
      await knex(TABLE).insert({
        ...writtenAsText,
        taken_at: '2026-11-20T01:00:00.250Z',
      });

      await migrateUpTo(knex, MIGRATION);
      expect(await columnType()).toMatchObject({
        type: 'bigint',
        nullable: false,
      });
      expect(await rows(knex)).toEqual(expectedRows);

      await migrateDownThrough(knex, MIGRATION);
      expect(await columnType()).toMatchObject({
        type: postgres ? 'timestamp with time zone' : 'datetime',
        nullable: false,
      });
      expect(await rows(knex)).toEqual(expectedRows);

      await migrateUpTo(knex, MIGRATION);
      expect(await columnType()).toMatchObject({
        type: 'bigint',
        nullable: false,
      });
      expect(await rows(knex)).toEqual(expectedRows);

      // The day is still the key, and a time is still required. (Matched by message: a
      // better-sqlite3 error may come from another test file's realm and fail `instanceof`.)
      await expect(
        knex(TABLE).insert({ ...written, taken_at: takenAtMs }),
      ).rejects.toMatchObject({
        message: expect.stringMatching(
          /UNIQUE constraint failed|duplicate key/,
        ),
      });
      await expect(
        knex(TABLE).insert({ ...written, day: '2026-11-23', taken_at: null }),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/NOT NULL constraint failed|not-null/),
      });

      // And the store reads what the migration left.
      await knex.migrate.latest({
        directory: StewardshipDatabase.migrationsDirectory,
      });
      expect(
        await DatabaseOwnershipSnapshotStore.fromClient(
          knex,
        ).listScorecardTrend({ sinceDay: '2026-11-01' }),
      ).toEqual([
        {
          day: '2026-11-20',
          entities: 10,
          compliant: 3,
          roleOk: { business: 4, product: 5, engineering: 10 },
        },
        {
          day: '2026-11-22',
          entities: 10,
          compliant: 4,
          roleOk: { business: 4, product: 5, engineering: 10 },
        },
      ]);
    },
  );
});
