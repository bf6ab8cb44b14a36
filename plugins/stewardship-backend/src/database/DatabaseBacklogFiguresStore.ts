import {
  BacklogFigures,
  BacklogReadFailure,
} from '@stewardship/backstage-plugin-stewardship-common';
import { Knex } from 'knex';
import { BacklogFiguresStore } from './BacklogFiguresStore';
import { inChunks } from './inChunks';

interface BacklogFiguresRow {
  entity_ref: string;
  figures: string;
  computed_at: number | string;
}

interface BacklogReadFailureRow {
  entity_ref: string;
  providers: string;
  failed_at: number | string;
}

/** {@link BacklogFiguresStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseBacklogFiguresStore implements BacklogFiguresStore {
  static fromClient(db: Knex) {
    return new DatabaseBacklogFiguresStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async saveBacklogFigures(
    entityRef: string,
    figures: BacklogFigures,
  ): Promise<void> {
    const computedAt = Date.parse(figures.at);
    // Reads compute figures concurrently and a slow one can finish last: it replaces only older
    // figures, never newer ones.
    await this.db<BacklogFiguresRow>('backlog_figures')
      .insert({
        entity_ref: entityRef,
        figures: JSON.stringify(figures),
        computed_at: computedAt,
      })
      .onConflict('entity_ref')
      .merge()
      .where('backlog_figures.computed_at', '<=', computedAt);
  }

  async latestBacklogFigures(
    entityRefs: readonly string[],
  ): Promise<Map<string, BacklogFigures>> {
    const figures = new Map<string, BacklogFigures>();
    for (const chunk of inChunks(entityRefs)) {
      const rows = await this.db<BacklogFiguresRow>('backlog_figures')
        .whereIn('entity_ref', chunk)
        .select('entity_ref', 'figures');
      for (const row of rows) {
        figures.set(row.entity_ref, JSON.parse(row.figures) as BacklogFigures);
      }
    }
    return figures;
  }

  async saveBacklogReadFailure(
    entityRef: string,
    failure: BacklogReadFailure,
  ): Promise<void> {
    const failedAt = Date.parse(failure.at);
    // As the figures: a slower, older read never replaces a newer one.
    await this.db<BacklogReadFailureRow>('backlog_read_failures')
      .insert({
        entity_ref: entityRef,
        providers: JSON.stringify(failure.providers),
        failed_at: failedAt,
      })
      .onConflict('entity_ref')
      .merge()
      .where('backlog_read_failures.failed_at', '<=', failedAt);
  }

  async latestBacklogReadFailures(
    entityRefs: readonly string[],
  ): Promise<Map<string, BacklogReadFailure>> {
    const failures = new Map<string, BacklogReadFailure>();
    for (const chunk of inChunks(entityRefs)) {
      const rows = await this.db<BacklogReadFailureRow>('backlog_read_failures')
        .whereIn('entity_ref', chunk)
        .select('entity_ref', 'providers', 'failed_at');
      for (const row of rows) {
        failures.set(row.entity_ref, {
          // PostgreSQL answers a bigint as a string.
          at: new Date(Number(row.failed_at)).toISOString(),
          providers: JSON.parse(row.providers),
        });
      }
    }
    return failures;
  }

  async pruneBacklogReads(before: Date): Promise<number> {
    // One row per entity: a plain delete each, no batches needed.
    const figures = await this.db<BacklogFiguresRow>('backlog_figures')
      .where('computed_at', '<', before.getTime())
      .delete();
    const failures = await this.db<BacklogReadFailureRow>(
      'backlog_read_failures',
    )
      .where('failed_at', '<', before.getTime())
      .delete();
    return figures + failures;
  }
}
