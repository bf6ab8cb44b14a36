import { TestDatabases } from '@backstage/backend-test-utils';

const POSTGRES_VARIABLE =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * SQLite always; PostgreSQL through the server named by
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (there is no Docker to start one).
 * Under CI=true a missing PostgreSQL is an error, never a silent skip.
 */
export function createTestDatabases(): TestDatabases {
  if (process.env.CI && !process.env[POSTGRES_VARIABLE]) {
    throw new Error(
      `CI=true but ${POSTGRES_VARIABLE} is not set: the PostgreSQL tests must run in CI (scripts/test.sh sets it when 127.0.0.1:5432 answers)`,
    );
  }
  return TestDatabases.create({
    ids: ['POSTGRES_15', 'SQLITE_3'],
    disableDocker: true,
  });
}
