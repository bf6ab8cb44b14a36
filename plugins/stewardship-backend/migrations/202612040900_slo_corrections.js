/*
 * SLO corrections: the periods an SLO does not count (one-off or weekly), kept with the SLO as a
 * JSON array of { id, reason, once | weekly, author, createdAt } (null: none). They live beside the
 * spec, not in it: a PUT of the spec leaves them alone, and they are added and removed one by one
 * through their own routes.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slos', table => {
    table
      .text('corrections')
      .nullable()
      .comment('JSON array of the corrections (excluded periods); null: none');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slos', table => {
    table.dropColumn('corrections');
  });
};
