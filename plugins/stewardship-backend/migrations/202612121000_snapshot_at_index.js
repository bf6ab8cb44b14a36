/*
 * Housekeeping deletes every snapshot older than the retention (`at < ?`) each run. No index
 * began with `at`, so SQLite scanned the whole table (and, better-sqlite3 being synchronous,
 * stalled the backend's event loop while it did: ~100 ms per 100,000 snapshots, 288,000 more a
 * day for 1,000 SLOs), and PostgreSQL read a whole composite index. With this one the delete
 * reads only the snapshots it removes.
 *
 * On PostgreSQL the index is built CONCURRENTLY, outside a transaction (`config` below; knex
 * then runs the other pending migrations each in a transaction of its own): a table of a hundred
 * million snapshots takes minutes to index, and a plain CREATE INDEX would hold off every
 * snapshot write for as long, on replicas still running the previous version too. A build that
 * fails part way leaves an invalid index and the migration unrecorded, so the next start drops
 * that index and builds it again.
 */

exports.config = { transaction: false };

const isPostgres = knex => knex.client.config.client === 'pg';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (isPostgres(knex)) {
    await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS slo_snapshots_at_idx');
    await knex.raw(
      'CREATE INDEX CONCURRENTLY slo_snapshots_at_idx ON slo_snapshots (at)',
    );
    return;
  }
  await knex.schema.alterTable('slo_snapshots', table => {
    table.index(['at'], 'slo_snapshots_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (isPostgres(knex)) {
    await knex.raw('DROP INDEX CONCURRENTLY IF EXISTS slo_snapshots_at_idx');
    return;
  }
  await knex.schema.alterTable('slo_snapshots', table => {
    table.dropIndex(['at'], 'slo_snapshots_at_idx');
  });
};
