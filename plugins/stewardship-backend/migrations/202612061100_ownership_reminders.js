/*
 * What ownership reminders were sent when (exemptions about to expire, roles to confirm), so the
 * scheduled task sends each at most once per period whatever its frequency or replica count.
 * Times are epoch milliseconds in bigint columns, like every other table of the plugin.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('ownership_reminders', table => {
    table.comment('The last time each ownership reminder was sent');
    table
      .string('reminder_key', 512)
      .primary()
      .comment('exemption:<id> or attestation:<entity ref>:<role>, lower-case');
    table.bigInteger('sent_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ownership_reminders');
};
