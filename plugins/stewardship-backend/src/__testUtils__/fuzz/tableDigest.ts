import { createHash } from 'node:crypto';
import { Knex } from 'knex';

/** knex's own bookkeeping, not the plugin's rows. */
const KNEX_TABLES = new Set(['knex_migrations', 'knex_migrations_lock']);

/**
 * Columns read by their length only: reading every snapshot's evaluation JSON after every
 * request was most of the fuzzer's time, and no code path rewrites a snapshot in place.
 */
const READ_BY_LENGTH: Record<string, string[]> = {
  slo_snapshots: ['evaluation'],
};

const isSqlite = (knex: Knex) =>
  /sqlite/i.test(String(knex.client.config.client));

/**
 * The tables in the plugin's database, as the database lists them: every table its migrations
 * create, so that one added later is compared too without being listed here.
 */
async function tablesOf(knex: Knex): Promise<string[]> {
  const names: string[] = isSqlite(knex)
    ? await knex('sqlite_master').where({ type: 'table' }).pluck('name')
    : await knex('information_schema.tables')
        .where({
          table_schema: knex.raw('current_schema()'),
          table_type: 'BASE TABLE',
        })
        .pluck('table_name');
  return names
    .filter(name => !KNEX_TABLES.has(name) && !name.startsWith('sqlite_'))
    .sort();
}

/** Each table's columns, read once per database (the digest is taken after every request). */
const columnsRead = new WeakMap<Knex, Map<string, string[]>>();

async function columnsOf(knex: Knex, table: string): Promise<string[]> {
  let tables = columnsRead.get(knex);
  if (!tables) {
    tables = new Map();
    columnsRead.set(knex, tables);
  }
  let columns = tables.get(table);
  if (!columns) {
    columns = Object.keys(await knex(table).columnInfo()).sort();
    tables.set(table, columns);
  }
  return columns;
}

/** A table's rows as text, in an order of their own (not every table has a single key). */
async function rowsText(knex: Knex, table: string): Promise<string> {
  const byLength = READ_BY_LENGTH[table] ?? [];
  const columns = (await columnsOf(knex, table)).filter(
    column => !byLength.includes(column),
  );
  const rows = await knex(table).select([
    ...columns,
    ...byLength.map(column =>
      knex.raw('length(??) as ??', [column, `${column}_length`]),
    ),
  ]);
  return rows
    .map(row => JSON.stringify(row))
    .sort()
    .join('\n');
}

/**
 * On SQLite, what changes whenever a row or a table may have: the rows the connection has written
 * (counted for rolled-back writes too) and the schema's version. knex holds one connection to an
 * SQLite database, the plugin's writes among them.
 */
async function sqliteWrites(knex: Knex): Promise<string> {
  const [row] = await knex.raw(
    'select total_changes() as changes, (select schema_version from pragma_schema_version()) as version',
  );
  return `${row.changes}/${row.version}`;
}

/** The last digest read of each SQLite database, and its writes then. */
const lastRead = new WeakMap<Knex, { writes: string; digest: string }>();

async function rowsDigest(knex: Knex): Promise<string> {
  const hash = createHash('sha256');
  for (const table of await tablesOf(knex)) {
    hash.update(`${table}\n${await rowsText(knex, table)}\n`);
  }
  return hash.digest('hex');
}

/**
 * A hash of the rows of every table in the plugin's database, read through the plugin's own
 * database: two equal digests mean no row was added, removed or changed in between.
 *
 * On SQLite the rows are read again only when something was written since the last digest: the
 * fuzz step takes one after every request, most of which write nothing, and reading every table
 * each time was a good part of its run.
 */
export async function tableDigest(knex: Knex): Promise<string> {
  if (!isSqlite(knex)) return rowsDigest(knex);
  const writes = await sqliteWrites(knex);
  const last = lastRead.get(knex);
  if (last?.writes === writes) return last.digest;
  const digest = await rowsDigest(knex);
  lastRead.set(knex, { writes, digest });
  return digest;
}
