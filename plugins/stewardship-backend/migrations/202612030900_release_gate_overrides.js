/*
 * Release-gate overrides: a justified, expiring permission to ship while the error-budget policy
 * blocks. Times are epoch milliseconds in bigint columns, like every other table of the plugin.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_gate_overrides', table => {
    table.comment(
      'Overrides of a blocking release gate, one row each; kept after expiry',
    );
    table.string('id', 36).primary().comment('UUID');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The entity, lower-case full ref');
    table.text('justification').notNullable();
    table
      .string('created_by', 255)
      .notNullable()
      .comment('User or service ref');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('expires_at').notNullable();
    table.index(
      ['entity_ref', 'expires_at'],
      'release_gate_overrides_entity_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_gate_overrides');
};
