/*
 * Incidents: one row per incident, its timeline, its action items, and the webhook events already
 * applied (so a redelivered event is applied once).
 *
 * Times are epoch milliseconds in bigint columns, like every other table of the plugin
 * (see 202612010900_epoch_ms_times.js). A due date is a calendar day, stored as `YYYY-MM-DD`.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('incidents', table => {
    table.comment('Incidents, one row per incident');
    table.string('id', 36).primary().comment('UUID');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The entity it belongs to, lower-case full ref');
    table
      .text('affected_entity_refs')
      .notNullable()
      .comment('JSON array of other affected entity refs');
    table.string('title', 200).notNullable();
    table.text('description').nullable();
    table.string('severity', 8).notNullable().comment('SEV1 … SEV5');
    table
      .string('status', 16)
      .notNullable()
      .comment('triggered | acknowledged | mitigated | resolved');
    table
      .bigInteger('status_changed_at')
      .notNullable()
      .comment(
        'When the status last changed; webhook events older than it do not move it',
      );
    table.bigInteger('started_at').nullable();
    table.bigInteger('detected_at').notNullable();
    table.bigInteger('acknowledged_at').nullable();
    table.bigInteger('mitigated_at').nullable();
    table.bigInteger('resolved_at').nullable();
    table
      .text('affected_slo_ids')
      .notNullable()
      .comment('JSON array of SLO ids');
    table.string('postmortem_url', 2000).nullable();
    table.boolean('fire_drill').notNullable().defaultTo(false);
    table
      .string('source', 16)
      .notNullable()
      .comment('manual | api | pagerduty');
    table
      .string('external_id', 255)
      .nullable()
      .comment('Its id in the source system');
    table.string('external_url', 2000).nullable();
    table
      .integer('version')
      .notNullable()
      .comment('Optimistic concurrency: +1 per change');
    table.string('created_by', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['entity_ref', 'detected_at'], 'incidents_entity_detected_idx');
    table.index(['detected_at'], 'incidents_detected_idx');
    // One incident per external id and source (NULLs, manual incidents, never clash).
    table.unique(['source', 'external_id'], {
      indexName: 'incidents_source_external_uq',
    });
  });

  await knex.schema.createTable('incident_timeline', table => {
    table.comment('What happened to an incident, who did it, when');
    table.bigIncrements('id').primary();
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.bigInteger('at').notNullable();
    table
      .string('type', 16)
      .notNullable()
      .comment('created | status | note | updated | action-item');
    table.string('actor', 255).notNullable();
    table.string('status', 16).nullable();
    table.text('message').notNullable();
    table.index(['incident_id', 'at'], 'incident_timeline_incident_idx');
  });

  await knex.schema.createTable('incident_action_items', table => {
    table.comment('Action items of incidents');
    table.string('id', 36).primary().comment('UUID');
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('title', 200).notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('due_date', 10).nullable().comment('YYYY-MM-DD');
    table.string('status', 8).notNullable().comment('open | done');
    table.string('link', 2000).nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.index(['incident_id'], 'incident_action_items_incident_idx');
  });

  await knex.schema.createTable('incident_webhook_events', table => {
    table.comment(
      'Webhook events applied, so a redelivered one is applied once',
    );
    table.string('source', 16).notNullable();
    table.string('event_id', 255).notNullable();
    table.string('event_type', 64).notNullable();
    table.bigInteger('occurred_at').notNullable();
    table.bigInteger('received_at').notNullable();
    table.string('incident_id', 36).nullable();
    table.primary(['source', 'event_id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_webhook_events');
  await knex.schema.dropTable('incident_action_items');
  await knex.schema.dropTable('incident_timeline');
  await knex.schema.dropTable('incidents');
};
