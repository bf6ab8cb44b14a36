/*
 * A PagerDuty event is decided with the events already applied to its incident (which event last
 * set the severity, whether a stage's moment came from an event of that stage), read by
 * incident_id on every delivery. The table keeps every event ever applied, so without an index
 * each delivery would scan all of them.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incident_webhook_events', table => {
    table.index(['incident_id'], 'incident_webhook_events_incident_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_webhook_events', table => {
    table.dropIndex(['incident_id'], 'incident_webhook_events_incident_idx');
  });
};
