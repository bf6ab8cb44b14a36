/*
 * Ownership attestations: the latest confirmation of each role of each entity, with the
 * annotation value it confirmed (a changed value makes it stale). One row per entity and role,
 * replaced by the next confirmation; the audit log keeps the history. Times are epoch
 * milliseconds in bigint columns, like every other table of the plugin.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ownership_attestations', table => {
    table.comment('The latest confirmation of each role of each entity');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The entity, lower-case full ref');
    table
      .string('role', 32)
      .notNullable()
      .comment('business, product or engineering');
    table
      .text('value')
      .notNullable()
      .comment('The annotation value confirmed, as written');
    table
      .string('attested_by', 255)
      .notNullable()
      .comment('User or service ref');
    table.bigInteger('attested_at').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.primary(['entity_ref', 'role']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ownership_attestations');
};
