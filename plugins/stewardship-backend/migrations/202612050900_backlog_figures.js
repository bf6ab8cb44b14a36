/*
 * The latest backlog figures per entity, written whenever the backlog route computes them, so the
 * planning review can read every entity's backlog health without calling a tracker.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('backlog_figures', table => {
    table.comment(
      'The latest backlog health figures of each entity, one row per entity',
    );
    table
      .string('entity_ref', 255)
      .primary()
      .comment('The entity, lower-case full ref');
    table.text('figures').notNullable().comment('BacklogFigures as JSON');
    table
      .bigInteger('computed_at')
      .notNullable()
      .comment('When the figures were computed, epoch ms');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('backlog_figures');
};
