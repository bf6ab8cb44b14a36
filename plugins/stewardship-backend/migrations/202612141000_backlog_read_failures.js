/*
 * The latest failed backlog read per entity (a tracker that could not be read), written when the
 * backlog route's read is partial, so the planning review can tell a backlog never read from one
 * whose last read failed. A failed read stores no figures (they would understate the backlog).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('backlog_read_failures', table => {
    table.comment(
      'The latest failed backlog read of each entity, one row per entity',
    );
    table
      .string('entity_ref', 255)
      .primary()
      .comment('The entity, lower-case full ref');
    table
      .text('providers')
      .notNullable()
      .comment('The providers that failed, as JSON: provider, title, kind');
    table
      .bigInteger('failed_at')
      .notNullable()
      .comment('When the read was made, epoch ms');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('backlog_read_failures');
};
