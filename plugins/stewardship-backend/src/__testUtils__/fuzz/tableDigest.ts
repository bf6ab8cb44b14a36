import { createHash } from 'node:crypto';
import { Knex } from 'knex';

/** The plugin's tables with the columns that order their rows. */
const TABLES: Record<string, string[]> = {
  slos: ['id'],
  slo_revisions: ['slo_id', 'version'],
  slo_snapshots: ['id'],
  ownership_scorecard_snapshots: ['day'],
};

/**
 * A hash of every row of the plugin's tables, read through the plugin's own database: two equal
 * digests mean no row was added, changed or removed in between.
 */
export async function tableDigest(knex: Knex): Promise<string> {
  const hash = createHash('sha256');
  for (const [table, order] of Object.entries(TABLES)) {
    const rows = await knex(table).select().orderBy(order);
    hash.update(`${table}\n${JSON.stringify(rows)}\n`);
  }
  return hash.digest('hex');
}
