/*
 * SLO definitions, their revision log and their evaluation snapshots.
 *
 * Times are stored as epoch milliseconds (bigint) rather than timestamps: SQLite and PostgreSQL
 * then compare, order and return them identically, and the snapshot range queries stay index-only.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('slos', table => {
    table.comment(
      'SLO definitions, one row per SLO; deleted ones are kept with deleted_at set',
    );
    table.string('id', 36).primary().comment('UUID');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Owning entity, lower-case full ref');
    table.string('name', 100).notNullable();
    table.string('metric_source', 100).notNullable();
    table
      .integer('version')
      .notNullable()
      .comment('Optimistic concurrency: +1 per change');
    table.text('spec').notNullable().comment('The SloSpec as JSON');
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('deleted_at').nullable();
    table.index(['entity_ref'], 'slos_entity_ref_idx');
  });
  // One live SLO per entity and name; a deleted SLO frees its name.
  await knex.schema.alterTable('slos', table => {
    table.unique(['entity_ref', 'name'], {
      indexName: 'slos_live_entity_name_uq',
      predicate: knex.whereNull('deleted_at'),
    });
  });

  await knex.schema.createTable('slo_revisions', table => {
    table.comment(
      'Audit log: every create, update and delete of an SLO with the full spec',
    );
    table.string('slo_id', 36).notNullable();
    table.integer('version').notNullable();
    table
      .string('action', 16)
      .notNullable()
      .comment('created | updated | deleted');
    table
      .string('actor', 255)
      .notNullable()
      .comment('Entity ref of the user or service');
    table.text('spec').notNullable();
    table.bigInteger('at').notNullable();
    table.primary(['slo_id', 'version']);
  });

  await knex.schema.createTable('slo_snapshots', table => {
    table.comment(
      'One evaluation of an SLO as of a moment; history for burndown charts',
    );
    table.bigIncrements('id').primary();
    table.string('slo_id', 36).notNullable();
    table.integer('slo_version').notNullable();
    table.bigInteger('at').notNullable().comment('Evaluated as of (epoch ms)');
    table
      .bigInteger('evaluated_at')
      .notNullable()
      .comment('When it ran (epoch ms)');
    table.string('status', 16).notNullable();
    table.double('sli').nullable();
    table.double('budget_remaining').nullable();
    table.double('burn_rate_1h').nullable();
    table.text('evaluation').notNullable().comment('The SloEvaluation as JSON');
    table.index(['slo_id', 'at'], 'slo_snapshots_slo_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_snapshots');
  await knex.schema.dropTable('slo_revisions');
  await knex.schema.dropTable('slos');
};
