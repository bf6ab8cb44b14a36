import { Knex } from 'knex';
import { inChunks } from './inChunks';
import { OwnershipReminderStore } from './OwnershipReminderStore';

const TABLE = 'ownership_reminders';

interface ReminderRow {
  reminder_key: string;
  /** PostgreSQL returns bigint columns as strings. */
  sent_at: number | string;
}

/** {@link OwnershipReminderStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseOwnershipReminderStore implements OwnershipReminderStore {
  static fromClient(db: Knex) {
    return new DatabaseOwnershipReminderStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async lastSent(keys: readonly string[]): Promise<Map<string, Date>> {
    const sent = new Map<string, Date>();
    for (const chunk of inChunks(keys)) {
      const rows = await this.db<ReminderRow>(TABLE).whereIn(
        'reminder_key',
        chunk,
      );
      for (const row of rows) {
        sent.set(row.reminder_key, new Date(Number(row.sent_at)));
      }
    }
    return sent;
  }

  async markSent(keys: readonly string[], at: Date): Promise<void> {
    for (const chunk of inChunks(keys)) {
      await this.db(TABLE)
        .insert(
          chunk.map(reminder_key => ({ reminder_key, sent_at: at.getTime() })),
        )
        .onConflict('reminder_key')
        .merge();
    }
  }
}
