import { Knex } from 'knex';

/**
 * The plan the database would use for `sql` with `bindings` (knex's `?` placeholders, or
 * PostgreSQL's own `$1` as a query event shows them), as text to look for an index name in. On
 * PostgreSQL, sequential scans are priced out for the one statement: a table as small as a test's
 * is read whole otherwise, and the question is which index serves it.
 */
export async function queryPlan(
  knex: Knex,
  sql: string,
  bindings: readonly unknown[],
): Promise<string> {
  if (knex.client.config.client === 'pg') {
    return knex.transaction(async tx => {
      await tx.raw('SET LOCAL enable_seqscan = off');
      const { rows } = await tx.raw(
        `EXPLAIN (FORMAT JSON) ${sql.replace(/\$\d+/g, '?')}`,
        bindings as Knex.RawBinding[],
      );
      return JSON.stringify(rows[0]['QUERY PLAN']);
    });
  }
  const rows: Array<{ detail: string }> = await knex.raw(
    `EXPLAIN QUERY PLAN ${sql}`,
    bindings as Knex.RawBinding[],
  );
  return rows.map(r => r.detail).join('\n');
}
