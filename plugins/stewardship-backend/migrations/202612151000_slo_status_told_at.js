/*
 * The moment of the evaluation each SLO's told status came from, so that a run that read its data
 * before another evaluation was told (a scheduled run that overlaps an "evaluate now") cannot
 * overrule that newer status: the told status moves only to an evaluation newer than the told one,
 * with a compare-and-set on the status and this moment.
 *
 * Rows from before it take the moment they were last moved: a told status moved right after its
 * evaluation, so every later evaluation is newer, and one that read its data before the move is
 * older and was already told. Null marks a new SLO told nothing yet (its first notification
 * failed): it starts from its `status`, and its first notification says no "was". Epoch
 * milliseconds in a bigint column, like every other time of the plugin.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slo_status_notifications', table => {
    table
      .bigInteger('told_at')
      .nullable()
      .comment(
        "The told evaluation's moment (epoch ms); null: nothing told yet (a new SLO)",
      );
  });
  await knex('slo_status_notifications').update({
    told_at: knex.ref('updated_at'),
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slo_status_notifications', table => {
    table.dropColumn('told_at');
  });
};
