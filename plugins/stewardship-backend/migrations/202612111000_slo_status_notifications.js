/*
 * The status each SLO's owners were last told of, so that a status notification compares the
 * new status with what the owners know rather than with the previous snapshot: a change through
 * `no-data`, one made by an on-demand evaluation, and one whose sending failed are still told
 * (the row moves only once a notification went out), and two runs that overlap tell it once (the
 * row moves from the status a run read, or not at all). Times are epoch milliseconds in bigint
 * columns, like every other table of the plugin.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_status_notifications', table => {
    table.comment(
      'The SLO status its owners were last notified of (or started from), one row per SLO',
    );
    table.string('slo_id', 36).primary();
    table
      .string('status', 16)
      .notNullable()
      .comment('healthy | at-risk | exhausted; never no-data');
    table
      .bigInteger('updated_at')
      .notNullable()
      .comment('When it was last moved (epoch ms)');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_status_notifications');
};
