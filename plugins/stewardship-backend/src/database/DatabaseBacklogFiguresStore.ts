import { BacklogFigures } from '@stewardship/backstage-plugin-stewardship-common';
import { Knex } from 'knex';
import { BacklogFiguresStore } from './BacklogFiguresStore';

interface BacklogFiguresRow {
  entity_ref: string;
  figures: string;
  computed_at: number | string;
}

const IN_CHUNK = 500;

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
    await this.db<BacklogFiguresRow>('backlog_figures')
      .insert({
        entity_ref: entityRef,
        figures: JSON.stringify(figures),
        computed_at: Date.parse(figures.at),
      })
      .onConflict('entity_ref')
      .merge();
  }

  async latestBacklogFigures(
    entityRefs: readonly string[],
  ): Promise<Map<string, BacklogFigures>> {
    const figures = new Map<string, BacklogFigures>();
    for (let i = 0; i < entityRefs.length; i += IN_CHUNK) {
      const rows = await this.db<BacklogFiguresRow>('backlog_figures')
        .whereIn('entity_ref', entityRefs.slice(i, i + IN_CHUNK))
        .select('entity_ref', 'figures');
      for (const row of rows) {
        figures.set(row.entity_ref, JSON.parse(row.figures) as BacklogFigures);
      }
    }
    return figures;
  }
}
