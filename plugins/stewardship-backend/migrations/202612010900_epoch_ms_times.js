/*
 * One time representation: every time this plugin stores is epoch milliseconds (UTC) in a
 * `bigint` column, written as `Date.getTime()` and read back with `Number(value)` (PostgreSQL
 * returns bigint as a string). New tables follow the rule; no `timestamp` columns.
 *
 * Why: SQLite and PostgreSQL then compare, order and return times identically, and range
 * queries on them stay index-only (see 202611230900_slos.js). The scorecard snapshots were the
 * exception: `taken_at` was a `timestamp with time zone`, which PostgreSQL returns as a Date and
 * SQLite holds as whatever the driver wrote. This migration converts it without losing rows:
 * add a bigint column, copy, drop the old column, rename, make it NOT NULL; `down` does the
 * reverse. The copy runs in JavaScript because one code path then reads every form the old
 * column can hold, and the table holds one row per day.
 */

const TABLE = 'ownership_scorecard_snapshots';

/** Epoch ms of an old `taken_at`: a Date (PostgreSQL), a number or a text (SQLite). */
function toEpochMs(value) {
  if (value instanceof Date) {
    return value.getTime();
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return Number(value);
  }
  const text = String(value).trim();
  if (/^-?\d+$/.test(text)) {
    return Number(text);
  }
  // SQLite's own format, `YYYY-MM-DD HH:MM:SS`, carries no zone and means UTC.
  const iso = text.replace(' ', 'T');
  const ms = Date.parse(/(Z|[+-]\d\d(:?\d\d)?)$/i.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(ms)) {
    throw new Error(
      `${TABLE}.taken_at holds ${JSON.stringify(text)}, which is not a time`,
    );
  }
  return ms;
}

/** Copies one column into another, row by row, through `convert`. */
async function copyColumn(knex, from, to, convert) {
  const rows = await knex(TABLE).select('day', from);
  for (const row of rows) {
    await knex(TABLE)
      .where({ day: row.day })
      .update({ [to]: convert(row[from]) });
  }
}

/** Replaces `taken_at` by the column `add` creates, filled through `convert`. */
async function replaceTakenAt(knex, add, convert) {
  await knex.schema.alterTable(TABLE, table => {
    add(table, 'taken_at_new').nullable();
  });
  await copyColumn(knex, 'taken_at', 'taken_at_new', convert);
  await knex.schema.alterTable(TABLE, table => {
    table.dropColumn('taken_at');
  });
  await knex.schema.alterTable(TABLE, table => {
    table.renameColumn('taken_at_new', 'taken_at');
  });
  await knex.schema.alterTable(TABLE, table => {
    table.dropNullable('taken_at');
  });
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await replaceTakenAt(
    knex,
    (table, column) => table.bigInteger(column),
    toEpochMs,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await replaceTakenAt(
    knex,
    (table, column) => table.timestamp(column, { useTz: true }),
    value => new Date(Number(value)),
  );
};
