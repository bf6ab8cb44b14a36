import { Knex } from 'knex';
import { OwnershipReminderStore } from './OwnershipReminderStore';

const TABLE = 'ownership_reminders';
/** Keeps each statement's bound parameters well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

interface ReminderRow {
  reminder_key: string;
  /** PostgreSQL returns bigint columns as strings. */
  sent_at: number | string;
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    result.push(items.slice(i, i + CHUNK));
  }
  return result;
}

/** {@link OwnershipReminderStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseOwnershipReminderStore implements OwnershipReminderStore {
  static fromClient(db: Knex) {
    return new DatabaseOwnershipReminderStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async lastSent(keys: readonly string[]): Promise<Map<string, Date>> {
    const sent = new Map<string, Date>();
    for (const chunk of chunks(keys)) {
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
    for (const chunk of chunks(keys)) {
      await this.db(TABLE)
        .insert(
          chunk.map(reminder_key => ({ reminder_key, sent_at: at.getTime() })),
        )
        .onConflict('reminder_key')
        .merge();
    }
  }
}
