/*
 * The two text fields of an evaluation that the catalog-wide SLO overview lists and that had no
 * column of their own: `reason` and `no_data_reason`, written with every snapshot from now on,
 * so listing 10,000 SLOs never parses 10,000 evaluations (bench/apiLatency.bench.ts's data:
 * 400-690 ms of JSON on either database for their latest snapshots).
 *
 * Snapshots stored before this migration keep the two only in `evaluation` and say so with
 * `summarised = false`: filling millions of rows would hold the backend's start for minutes,
 * and the overview reads each SLO's latest snapshot, which is a new one within one evaluation
 * cadence. Readers parse `evaluation` for those rows (SloStore.latestSnapshotSummaries).
 * Adding nullable columns and a constant default changes no stored row on either database.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slo_snapshots', table => {
    table
      .text('reason')
      .nullable()
      .comment("The evaluation's reason (evaluation.reason), when summarised");
    table
      .string('no_data_reason', 32)
      .nullable()
      .comment('evaluation.noDataReason, when summarised');
    table
      .boolean('summarised')
      .notNullable()
      .defaultTo(false)
      .comment('True when reason and no_data_reason are filled in');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slo_snapshots', table => {
    table.dropColumn('reason');
    table.dropColumn('no_data_reason');
    table.dropColumn('summarised');
  });
};
