/*
 * PostgreSQL: a history reads its kept rows (≤ 500 of a range, bench/apiLatency.bench.ts) from
 * the (slo_id, at, id) index alone, which now carries the four columns a history point shows
 * (INCLUDE), instead of one heap page per row: an SLO's snapshots lie one per evaluation run, so
 * each row is on a page of its own. On a scratch table of 864,000 snapshots (8,640 per SLO) the
 * 480 kept rows took 5.4–6.4 ms by primary key and 1.4–2.0 ms from this index. It replaces the
 * plain index of 202612011200_snapshot_history_index.js: same key, so every read that used that
 * one (latest snapshots, thinning) uses this one.
 *
 * SQLite has no INCLUDE, and reads the kept rows by rowid cheaply: unchanged there.
 */

const isPostgres = knex => knex.client.config.client === 'pg';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (!isPostgres(knex)) return;
  await knex.raw(
    'CREATE INDEX slo_snapshots_history_idx ON slo_snapshots (slo_id, at, id) INCLUDE (status, sli, budget_remaining, burn_rate_1h)',
  );
  await knex.raw('DROP INDEX slo_snapshots_slo_at_id_idx');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (!isPostgres(knex)) return;
  await knex.raw(
    'CREATE INDEX slo_snapshots_slo_at_id_idx ON slo_snapshots (slo_id, at, id)',
  );
  await knex.raw('DROP INDEX slo_snapshots_history_idx');
};
