/*
 * What a resolved incident cost each affected SLO's error budget, stored once computed (JSON of
 * IncidentBudgetImpact[]); any change of the incident clears it, so it is computed again.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table
      .text('budget_impact')
      .nullable()
      .comment('JSON: the budget each affected SLO lost, once resolved');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.dropColumn('budget_impact');
  });
};
