/*
 * The snapshot index gains the id: (slo_id, at, id) instead of (slo_id, at).
 *
 * History and "latest as of" order snapshots by (at, id), id breaking ties between evaluations
 * as of the same moment. SQLite keeps the rowid (our id) in every index entry already; PostgreSQL
 * does not, so without it every step through a 30-day history (8,640 rows at a 5-minute cadence)
 * visited the table for the id. With it, the walk stays in the index and only the rows a
 * response returns are read.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slo_snapshots', table => {
    table.index(['slo_id', 'at', 'id'], 'slo_snapshots_slo_at_id_idx');
  });
  await knex.schema.alterTable('slo_snapshots', table => {
    table.dropIndex(['slo_id', 'at'], 'slo_snapshots_slo_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slo_snapshots', table => {
    table.index(['slo_id', 'at'], 'slo_snapshots_slo_at_idx');
  });
  await knex.schema.alterTable('slo_snapshots', table => {
    table.dropIndex(['slo_id', 'at', 'id'], 'slo_snapshots_slo_at_id_idx');
  });
};
