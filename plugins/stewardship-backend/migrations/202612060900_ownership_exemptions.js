/*
 * Ownership exemptions: a role of an entity counted as met until the exemption expires. Times
 * are epoch milliseconds in bigint columns, like every other table of the plugin. Rows are kept
 * after expiry (a record of who excused what); removal deletes the row.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ownership_exemptions', table => {
    table.comment('Exemptions from an ownership role, one row each');
    table.string('id', 36).primary().comment('UUID');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The entity, lower-case full ref');
    table
      .string('role', 32)
      .notNullable()
      .comment('business, product or engineering');
    table.text('reason').notNullable();
    table
      .string('granted_by', 255)
      .notNullable()
      .comment('User or service ref');
    table.bigInteger('granted_at').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.index(
      ['entity_ref', 'expires_at'],
      'ownership_exemptions_entity_idx',
    );
    table.index(['expires_at'], 'ownership_exemptions_expiry_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ownership_exemptions');
};
