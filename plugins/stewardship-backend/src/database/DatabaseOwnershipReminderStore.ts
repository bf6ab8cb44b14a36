import { Knex } from 'knex';
import { inChunks } from './inChunks';
import {
  OwnershipReminderClaim,
  OwnershipReminderStore,
  REMINDER_CLAIM_PRUNE_BATCH_SIZE,
} from './OwnershipReminderStore';

const TABLE = 'ownership_reminders';
const CLAIMS = 'ownership_reminder_claims';

interface ReminderRow {
  reminder_key: string;
  /** PostgreSQL returns bigint columns as strings. */
  sent_at: number | string;
}

interface ClaimRow {
  reminder_key: string;
  claimant: string;
  /** PostgreSQL returns bigint columns as strings. */
  claimed_at: number | string;
}

/** {@link OwnershipReminderStore} on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseOwnershipReminderStore implements OwnershipReminderStore {
  static fromClient(db: Knex) {
    return new DatabaseOwnershipReminderStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async lastSent(keys: readonly string[]): Promise<Map<string, Date>> {
    return this.readSent(this.db, keys);
  }

  /**
   * One transaction: an upsert per chunk that inserts each claim, or takes over one that has
   * lapsed (the conditional update is atomic per row: on PostgreSQL a concurrent claimer waits
   * for the row and re-checks the condition, SQLite has one writer), then a count of the claims
   * won. Keys are claimed in sorted order, so two runs claiming overlapping sets on PostgreSQL
   * lock their rows in the same order and never deadlock.
   */
  async claim(
    keys: readonly string[],
    { claimant, at, leaseMs }: OwnershipReminderClaim,
  ): Promise<Map<string, Date> | undefined> {
    const sorted = [...new Set(keys)].sort();
    return this.db.transaction(async tx => {
      for (const chunk of inChunks(sorted)) {
        await tx<ClaimRow>(CLAIMS)
          .insert(
            chunk.map(reminder_key => ({
              reminder_key,
              claimant,
              claimed_at: at.getTime(),
            })),
          )
          .onConflict('reminder_key')
          .merge(['claimant', 'claimed_at'])
          .where(`${CLAIMS}.claimed_at`, '<=', at.getTime() - leaseMs);
      }
      let won = 0;
      for (const chunk of inChunks(sorted)) {
        const [{ count }] = await tx<ClaimRow>(CLAIMS)
          .whereIn('reminder_key', chunk)
          .andWhere('claimant', claimant)
          .count({ count: '*' });
        won += Number(count);
      }
      if (won < sorted.length) {
        // Another run is sending one of them: none of them is this run's to send.
        await this.deleteClaims(tx, sorted, claimant);
        return undefined;
      }
      return this.readSent(tx, sorted);
    });
  }

  async markSent(
    keys: readonly string[],
    at: Date,
    claimant?: string,
  ): Promise<void> {
    // The mark and the claim's end in one transaction: a run that wins the claim next sees the
    // mark.
    await this.db.transaction(async tx => {
      for (const chunk of inChunks(keys)) {
        await tx(TABLE)
          .insert(
            chunk.map(reminder_key => ({
              reminder_key,
              sent_at: at.getTime(),
            })),
          )
          .onConflict('reminder_key')
          .merge();
      }
      if (claimant !== undefined) {
        await this.deleteClaims(tx, keys, claimant);
      }
    });
  }

  async release(keys: readonly string[], claimant: string): Promise<void> {
    await this.deleteClaims(this.db, keys, claimant);
  }

  /**
   * One statement, so nothing is read first and deleted by key later: the age condition is in the
   * DELETE itself, checked against each row as it is when deleted (on PostgreSQL a row updated
   * since the statement began is checked again as updated), so a claim another run has just
   * taken over (its claimed_at now recent) is never deleted. The batch comes from a subselect
   * (DELETE takes no LIMIT on either database). On PostgreSQL it is `FOR UPDATE SKIP LOCKED`:
   * the prune locks only rows no one holds and never waits, so it cannot close a lock cycle with
   * a claimer, whatever order either takes the rows in (matching the claimers' order instead
   * would not hold: they sort keys in JavaScript, an ORDER BY sorts them by the column's
   * collation). A row a claimer holds is skipped; if still lapsed, a later run deletes it.
   * SQLite has one writer and no row locks: the statement runs alone. No index on claimed_at:
   * the table holds only the claims of sends under way and the lapsed ones this removes, a few
   * rows to scan.
   */
  async pruneClaims(
    claimedBefore: Date,
    {
      batchSize = REMINDER_CLAIM_PRUNE_BATCH_SIZE,
    }: { batchSize?: number } = {},
  ): Promise<number> {
    const before = claimedBefore.getTime();
    const batch = this.db<ClaimRow>(CLAIMS)
      .select('reminder_key')
      .where('claimed_at', '<', before)
      .limit(batchSize);
    if (this.db.client.config.client === 'pg') {
      batch.forUpdate().skipLocked();
    }
    // The batch as a WITH query: PostgreSQL evaluates it once (a locking WITH query is always
    // materialised), where a sub-select under IN may be scanned again, each scan skipping and
    // locking other rows, and the one DELETE then remove more than `batchSize`.
    return this.db<ClaimRow>(CLAIMS)
      .with('batch', batch)
      .whereIn('reminder_key', this.db('batch').select('reminder_key'))
      .andWhere('claimed_at', '<', before)
      .delete();
  }

  private async readSent(
    db: Knex,
    keys: readonly string[],
  ): Promise<Map<string, Date>> {
    const sent = new Map<string, Date>();
    for (const chunk of inChunks(keys)) {
      const rows = await db<ReminderRow>(TABLE).whereIn('reminder_key', chunk);
      for (const row of rows) {
        sent.set(row.reminder_key, new Date(Number(row.sent_at)));
      }
    }
    return sent;
  }

  private async deleteClaims(
    db: Knex,
    keys: readonly string[],
    claimant: string,
  ): Promise<void> {
    for (const chunk of inChunks(keys)) {
      await db<ClaimRow>(CLAIMS)
        .whereIn('reminder_key', chunk)
        .andWhere('claimant', claimant)
        .delete();
    }
  }
}
