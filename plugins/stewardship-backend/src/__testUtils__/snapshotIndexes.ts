import { Knex } from 'knex';

/** The snapshot table's indexes by name, with their columns in order. */
export async function snapshotIndexes(
  knex: Knex,
): Promise<Record<string, string[]>> {
  if (knex.client.config.client === 'pg') {
    const { rows } = await knex.raw(
      `SELECT i.relname AS name, a.attname AS column, k.n AS position
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, n)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE t.relname = 'slo_snapshots' AND NOT x.indisprimary
       ORDER BY i.relname, k.n`,
    );
    return group(rows);
  }
  const indexes: Array<{ name: string }> = await knex.raw(
    `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'slo_snapshots' AND sql IS NOT NULL`,
  );
  const rows = [];
  for (const { name } of indexes) {
    const columns: Array<{ name: string; seqno: number }> = await knex.raw(
      `PRAGMA index_info('${name}')`,
    );
    for (const c of columns) {
      rows.push({ name, column: c.name, position: c.seqno });
    }
  }
  return group(rows);
}

function group(rows: Array<{ name: string; column: string }>) {
  const byName: Record<string, string[]> = {};
  for (const row of rows) {
    (byName[row.name] ??= []).push(row.column);
  }
  return byName;
}
