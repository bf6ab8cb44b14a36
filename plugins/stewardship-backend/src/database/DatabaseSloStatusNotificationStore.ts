import { Knex } from 'knex';
import { inChunks } from './inChunks';
import {
  SloStatusNotificationStore,
  ToldSloStatus,
} from './SloStatusNotificationStore';

const TABLE = 'slo_status_notifications';

interface ToldStatusRow {
  slo_id: string;
  status: ToldSloStatus;
  updated_at: number | string;
}

/** {@link SloStatusNotificationStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseSloStatusNotificationStore
  implements SloStatusNotificationStore
{
  static fromClient(db: Knex) {
    return new DatabaseSloStatusNotificationStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async toldStatuses(
    sloIds: readonly string[],
  ): Promise<Map<string, ToldSloStatus>> {
    const told = new Map<string, ToldSloStatus>();
    for (const chunk of inChunks(sloIds)) {
      const rows = await this.db<ToldStatusRow>(TABLE)
        .select('slo_id', 'status')
        .whereIn('slo_id', chunk);
      for (const row of rows) told.set(row.slo_id, row.status);
    }
    return told;
  }

  async recordStartingStatuses(
    statuses: ReadonlyMap<string, ToldSloStatus>,
    at: Date,
  ): Promise<void> {
    for (const chunk of inChunks([...statuses])) {
      await this.db(TABLE)
        .insert(
          chunk.map(([slo_id, status]) => ({
            slo_id,
            status,
            updated_at: at.getTime(),
          })),
        )
        .onConflict('slo_id')
        .ignore();
    }
  }

  async moveToldStatus(
    sloId: string,
    from: ToldSloStatus | undefined,
    to: ToldSloStatus,
    at: Date,
  ): Promise<boolean> {
    if (from === undefined) {
      const inserted = await this.db(TABLE)
        .insert({ slo_id: sloId, status: to, updated_at: at.getTime() })
        .onConflict('slo_id')
        .ignore()
        .returning('slo_id');
      return inserted.length === 1;
    }
    const updated = await this.db(TABLE)
      .where({ slo_id: sloId, status: from })
      .update({ status: to, updated_at: at.getTime() });
    return updated === 1;
  }
}
