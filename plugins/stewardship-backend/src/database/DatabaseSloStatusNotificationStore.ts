import { Knex } from 'knex';
import { inChunks } from './inChunks';
import {
  SloStatusNotificationStore,
  ToldSloState,
  ToldSloStatus,
} from './SloStatusNotificationStore';

const TABLE = 'slo_status_notifications';

interface ToldStatusRow {
  slo_id: string;
  status: ToldSloStatus;
  /** Null: nothing told yet (see ToldSloState.toldAt). */
  told_at: number | string | null;
  updated_at: number | string;
}

const toldAtColumn = (state: ToldSloState) => state.toldAt?.getTime() ?? null;

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
  ): Promise<Map<string, ToldSloState>> {
    const told = new Map<string, ToldSloState>();
    for (const chunk of inChunks(sloIds)) {
      const rows = await this.db<ToldStatusRow>(TABLE)
        .select('slo_id', 'status', 'told_at')
        .whereIn('slo_id', chunk);
      for (const row of rows) {
        told.set(row.slo_id, {
          status: row.status,
          ...(row.told_at !== null && {
            toldAt: new Date(Number(row.told_at)),
          }),
        });
      }
    }
    return told;
  }

  async recordStartingStatuses(
    statuses: ReadonlyMap<string, Required<ToldSloState>>,
    at: Date,
  ): Promise<void> {
    for (const chunk of inChunks([...statuses])) {
      await this.db(TABLE)
        .insert(
          chunk.map(([slo_id, state]) => ({
            slo_id,
            status: state.status,
            told_at: toldAtColumn(state),
            updated_at: at.getTime(),
          })),
        )
        .onConflict('slo_id')
        .ignore();
    }
  }

  async moveToldStatus(
    sloId: string,
    from: ToldSloState | undefined,
    to: ToldSloState,
    at: Date,
  ): Promise<boolean> {
    const row = {
      status: to.status,
      told_at: toldAtColumn(to),
      updated_at: at.getTime(),
    };
    if (from === undefined) {
      const inserted = await this.db(TABLE)
        .insert({ slo_id: sloId, ...row })
        .onConflict('slo_id')
        .ignore()
        .returning('slo_id');
      return inserted.length === 1;
    }
    const fromToldAt = toldAtColumn(from);
    const updated = await this.db(TABLE)
      .where({ slo_id: sloId, status: from.status })
      .where(query =>
        fromToldAt === null
          ? query.whereNull('told_at')
          : query.where('told_at', fromToldAt),
      )
      .update(row);
    return updated === 1;
  }
}
