import { createHash } from 'node:crypto';
import { Knex } from 'knex';

/** The plugin's tables, the columns read from each, and the columns that order their rows. */
const TABLES: Array<{ table: string; columns: string[]; order: string[] }> = [
  { table: 'slos', columns: ['*'], order: ['id'] },
  { table: 'slo_revisions', columns: ['*'], order: ['slo_id', 'version'] },
  {
    // The evaluation JSON by its length: reading every snapshot's JSON after every request
    // was most of the fuzzer's time, and no code path rewrites a snapshot in place.
    table: 'slo_snapshots',
    columns: [
      'id',
      'slo_id',
      'slo_version',
      'at',
      'evaluated_at',
      'status',
      'sli',
      'budget_remaining',
      'burn_rate_1h',
    ],
    order: ['id'],
  },
  { table: 'ownership_scorecard_snapshots', columns: ['*'], order: ['day'] },
  { table: 'incidents', columns: ['*'], order: ['id'] },
  { table: 'incident_timeline', columns: ['*'], order: ['id'] },
  { table: 'incident_action_items', columns: ['*'], order: ['id'] },
  {
    table: 'incident_webhook_events',
    columns: ['*'],
    order: ['source', 'event_id'],
  },
];

/**
 * A hash of the rows of the plugin's tables, read through the plugin's own database: two equal
 * digests mean no row was added, removed or changed in between.
 */
export async function tableDigest(knex: Knex): Promise<string> {
  const hash = createHash('sha256');
  for (const { table, columns, order } of TABLES) {
    const query = knex(table).select(columns).orderBy(order);
    if (table === 'slo_snapshots') {
      query.select(knex.raw('length(evaluation) as evaluation_length'));
    }
    hash.update(`${table}\n${JSON.stringify(await query)}\n`);
  }
  return hash.digest('hex');
}
