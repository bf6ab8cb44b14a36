import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** The plugin's knex migrations (`migrations/` at the package root): the one place naming it. */
export const migrationsDirectory = resolvePackagePath(
  '@stewardship/backstage-plugin-stewardship-backend',
  'migrations',
);

/**
 * Brings a database to the latest schema. Called by `StewardshipDatabase` (once per plugin
 * start) and by the stores' `forTest` helpers; the stores never migrate in production.
 */
export async function migrateToLatest(client: Knex): Promise<void> {
  await client.migrate.latest({ directory: migrationsDirectory });
}
