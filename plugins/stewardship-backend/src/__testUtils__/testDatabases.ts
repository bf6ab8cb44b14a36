import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

const POSTGRES_VARIABLE =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * The test PostgreSQL server's connection string (no database named), from
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING; undefined outside CI when it is not set.
 * Under CI=true a missing PostgreSQL is an error, never a silent skip.
 */
export function postgresConnectionString(): string | undefined {
  const connection = process.env[POSTGRES_VARIABLE];
  if (process.env.CI && !connection) {
    throw new Error(
      `CI=true but ${POSTGRES_VARIABLE} is not set: the PostgreSQL tests must run in CI (scripts/test.sh sets it when 127.0.0.1:5432 answers)`,
    );
  }
  return connection;
}

/**
 * SQLite always; PostgreSQL through the server named by
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (there is no Docker to start one).
 */
export function createTestDatabases(): TestDatabases {
  postgresConnectionString();
  return TestDatabases.create({
    ids: ['POSTGRES_15', 'SQLITE_3'],
    disableDocker: true,
  });
}

/**
 * The database service for test backends whose database is not what the test is about: every
 * plugin of every backend gets a new in-memory SQLite, and all of them are closed after the file's
 * tests. Call it at a test file's top level (it registers an `afterAll`).
 *
 * Why not startTestBackend's default: Backstage's DatabaseManager (backend-defaults 0.18) closes
 * no connection when a backend stops, and each open knex pool's reaping interval (tarn, every
 * second) kept the Jest worker alive after its last test, which Jest reported as "A worker
 * process has failed to exit gracefully and has been force exited".
 */
export function inMemoryDatabaseFactory() {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  // A backend starts its plugins concurrently, but TestDatabases.init is not safe to call
  // concurrently: each first call creates its own SQLite engine and only the last one is kept,
  // so the others' connections would never be closed. One at a time.
  let previous: Promise<unknown> = Promise.resolve();
  return createServiceFactory({
    service: coreServices.database,
    deps: {},
    async factory() {
      const knex = previous.then(() => databases.init('SQLITE_3'));
      previous = knex.catch(() => undefined);
      return mockServices.database({ knex: await knex });
    },
  });
}

/**
 * Opens a PostgreSQL pool's connections before a test races writes: the pool opens them lazily,
 * and while the second is being opened the first has run a whole transaction, so the racers
 * would take turns and a missing lock would go unseen. (SQLite has one connection: nothing to do.)
 */
export async function openPooledConnections(knex: Knex, count = 5) {
  if (knex.client.config.client !== 'pg') return;
  await Promise.all(
    Array.from({ length: count }, () =>
      knex.transaction(tx => tx.raw('SELECT pg_sleep(0.1)')),
    ),
  );
}
