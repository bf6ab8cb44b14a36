/*
 * SQLite: the history index carries the columns a history point shows, as it does on PostgreSQL
 * since 202612081000_snapshot_history_covering_index.js, so a history reads its kept rows (≤ 500
 * of a range) from the index instead of one table page per row. That migration left SQLite alone,
 * measured with the table in SQLite's page cache; with many SLOs' histories read in turn (50
 * SLOs of 8,640 snapshots, 432,000 rows of ~2.5 kB, SQLite's default 2 MB cache) the 500 rows
 * took 3.1–5.1 ms by rowid and 1.1 ms from this index (bench/apiLatency.bench.ts, whose 1,000,000
 * snapshots read the same way).
 *
 * SQLite has no INCLUDE: the four columns are key columns after (slo_id, at, id). Same leading
 * key as the index it replaces, so every read that used that one (latest snapshots, thinning)
 * uses this one, under the name the index has on PostgreSQL.
 */

const isSqlite = knex =>
  ['better-sqlite3', 'sqlite3'].includes(knex.client.config.client);

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (!isSqlite(knex)) return;
  await knex.raw(
    'CREATE INDEX slo_snapshots_history_idx ON slo_snapshots (slo_id, at, id, status, sli, budget_remaining, burn_rate_1h)',
  );
  await knex.raw('DROP INDEX slo_snapshots_slo_at_id_idx');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (!isSqlite(knex)) return;
  await knex.raw(
    'CREATE INDEX slo_snapshots_slo_at_id_idx ON slo_snapshots (slo_id, at, id)',
  );
  await knex.raw('DROP INDEX slo_snapshots_history_idx');
};
