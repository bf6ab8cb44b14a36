/*
 * Daily ownership scorecard snapshots: one row per day with the whole catalog's coverage,
 * so the scorecard page can draw a trend.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ownership_scorecard_snapshots', table => {
    table.comment(
      'One ownership coverage snapshot of the whole catalog per day',
    );
    table.string('day', 10).primary().comment('ISO date, YYYY-MM-DD (UTC)');
    table.integer('entities').notNullable();
    table.integer('compliant').notNullable();
    table.integer('business_ok').notNullable();
    table.integer('product_ok').notNullable();
    table.integer('engineering_ok').notNullable();
    table.text('summary').notNullable().comment('Full CoverageSummary as JSON');
    table.timestamp('taken_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ownership_scorecard_snapshots');
};
