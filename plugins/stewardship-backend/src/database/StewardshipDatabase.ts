import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { BacklogFiguresStore } from './BacklogFiguresStore';
import { DatabaseBacklogFiguresStore } from './DatabaseBacklogFiguresStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { DatabaseOwnershipAttestationStore } from './DatabaseOwnershipAttestationStore';
import { DatabaseOwnershipExemptionStore } from './DatabaseOwnershipExemptionStore';
import { DatabaseOwnershipReminderStore } from './DatabaseOwnershipReminderStore';
import { DatabaseOwnershipSnapshotStore } from './DatabaseOwnershipSnapshotStore';
import { DatabaseReleaseGateOverrideStore } from './DatabaseReleaseGateOverrideStore';
import { DatabaseSloStatusNotificationStore } from './DatabaseSloStatusNotificationStore';
import { DatabaseSloStore } from './DatabaseSloStore';
import { migrateToLatest, migrationsDirectory } from './migrateToLatest';
import { IncidentStore } from './IncidentStore';
import { OwnershipAttestationStore } from './OwnershipAttestationStore';
import { OwnershipExemptionStore } from './OwnershipExemptionStore';
import { OwnershipReminderStore } from './OwnershipReminderStore';
import { OwnershipSnapshotStore } from './OwnershipSnapshotStore';
import { ReleaseGateOverrideStore } from './ReleaseGateOverrideStore';
import { SloStatusNotificationStore } from './SloStatusNotificationStore';
import { SloStore } from './SloStore';

/**
 * The knex clients the stores' SQL is written for and tested on. Others (MySQL through `mysql2`)
 * run the migrations but not every read: the history, overview and review reads are SQL of
 * PostgreSQL or SQLite, and a duplicate is told from their error codes.
 */
const SUPPORTED_CLIENTS = ['pg', 'better-sqlite3', 'sqlite3'];

/** Refuses a client the stores are not written for, saying how to give the plugin one that is. */
function assertSupportedClient(client: Knex) {
  const name = String(client.client.config.client);
  if (!SUPPORTED_CLIENTS.includes(name)) {
    throw new Error(
      `Stewardship stores its data in PostgreSQL or SQLite, not in the database client '${name}' that backend.database names. ` +
        'Give the plugin a database of its own: backend.database.plugin.stewardship.client: pg (with its connection) or better-sqlite3.',
    );
  }
}

/**
 * The plugin's one database entry point: it brings the schema to the latest migration once and
 * hands out every store on that one connection. A new store is one more property here; stores
 * never migrate on their own.
 */
export class StewardshipDatabase {
  /** The migrations directory, for tests that step through the migrations. */
  static readonly migrationsDirectory = migrationsDirectory;

  /** Daily ownership scorecard snapshots. */
  readonly ownershipSnapshots: OwnershipSnapshotStore;
  /** SLO definitions, their revision log and their evaluation snapshots. */
  readonly slos: SloStore;
  /** Incidents, their timelines and action items, and the webhook events applied. */
  readonly incidents: IncidentStore;
  /** Justified, expiring overrides of a blocking release gate. */
  readonly releaseGateOverrides: ReleaseGateOverrideStore;
  /** The latest backlog figures per entity (for the planning review). */
  readonly backlogFigures: BacklogFiguresStore;
  /** Expiring exemptions from an ownership role. */
  readonly ownershipExemptions: OwnershipExemptionStore;
  /** The latest confirmation of each role of each entity. */
  readonly ownershipAttestations: OwnershipAttestationStore;
  /** When each ownership reminder was last sent. */
  readonly ownershipReminders: OwnershipReminderStore;
  /** The SLO status each SLO's owners were last told of. */
  readonly sloStatusNotifications: SloStatusNotificationStore;

  private constructor(client: Knex, now: () => Date) {
    this.ownershipSnapshots = DatabaseOwnershipSnapshotStore.fromClient(client);
    this.slos = DatabaseSloStore.fromClient(client, now);
    this.incidents = DatabaseIncidentStore.fromClient(client, now);
    this.releaseGateOverrides = DatabaseReleaseGateOverrideStore.fromClient(
      client,
      now,
    );
    this.backlogFigures = DatabaseBacklogFiguresStore.fromClient(client);
    this.ownershipExemptions = DatabaseOwnershipExemptionStore.fromClient(
      client,
      now,
    );
    this.ownershipAttestations =
      DatabaseOwnershipAttestationStore.fromClient(client);
    this.ownershipReminders = DatabaseOwnershipReminderStore.fromClient(client);
    this.sloStatusNotifications =
      DatabaseSloStatusNotificationStore.fromClient(client);
  }

  /**
   * Connects to the plugin's database and runs the migrations, unless the database service
   * (`backend.database.skipMigrations`) or the caller says to skip them.
   */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<StewardshipDatabase> {
    const { database } = options;
    const client = await database.getClient();
    assertSupportedClient(client);
    if (!options.skipMigrations && !database.migrations?.skip) {
      await migrateToLatest(client);
    }
    return new StewardshipDatabase(client, () => new Date());
  }

  /** For tests that hand in a knex instance (and optionally a clock) of their own. */
  static async forTest(
    client: Knex,
    options: { now?: () => Date } = {},
  ): Promise<StewardshipDatabase> {
    await migrateToLatest(client);
    return new StewardshipDatabase(client, options.now ?? (() => new Date()));
  }
}
