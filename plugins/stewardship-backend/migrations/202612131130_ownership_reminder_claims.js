/*
 * Claims on ownership reminders about to be sent, so two runs of the reminder task that overlap
 * (one past its timeout, the scheduler having started the next, on this replica or another)
 * never both send the same reminder: a run sends a reminder only after inserting its claim, or
 * taking over one older than the lease (a run that crashed mid-send), in one conditional upsert;
 * the loser skips it. The claim is deleted when the reminder is marked sent in
 * ownership_reminders, or when its send fails. A table of its own, so ownership_reminders keeps
 * meaning "was sent" and no existing column changes.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ownership_reminder_claims', table => {
    table.comment('Ownership reminders a run of the reminder task is sending');
    table
      .string('reminder_key', 512)
      .primary()
      .comment('The key of ownership_reminders the claim is on');
    table
      .string('claimant', 64)
      .notNullable()
      .comment('The run that holds the claim (a random id per run)');
    table
      .bigInteger('claimed_at')
      .notNullable()
      .comment('When it was claimed (epoch ms); it lapses a lease later');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ownership_reminder_claims');
};
