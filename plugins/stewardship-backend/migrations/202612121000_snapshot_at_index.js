/*
 * Housekeeping deletes every snapshot older than the retention (`at < ?`) each run. No index
 * began with `at`, so SQLite scanned the whole table (and, better-sqlite3 being synchronous,
 * stalled the backend's event loop while it did: ~100 ms per 100,000 snapshots, 288,000 more a
 * day for 1,000 SLOs), and PostgreSQL read a whole composite index. With this one the delete
 * reads only the snapshots it removes.
 *
 * On PostgreSQL the index is built inside the migration's transaction (as Backstage runs every
 * migration), which holds off writes to slo_snapshots while it builds: seconds for a million
 * snapshots, minutes on a table of a hundred million.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slo_snapshots', table => {
    table.index(['at'], 'slo_snapshots_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slo_snapshots', table => {
    table.dropIndex(['at'], 'slo_snapshots_at_idx');
  });
};
