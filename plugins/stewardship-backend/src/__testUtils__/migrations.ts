import { Knex } from 'knex';
import { StewardshipDatabase } from '../database/StewardshipDatabase';

const directory = StewardshipDatabase.migrationsDirectory;

async function completedNames(knex: Knex): Promise<string[]> {
  const [completed] = await knex.migrate.list({ directory });
  return (completed as Array<{ name: string }>).map(m => m.name);
}

/** Applies migrations one at a time, oldest first, until `name` has run. */
export async function migrateUpTo(knex: Knex, name: string): Promise<void> {
  while (!(await completedNames(knex)).includes(name)) {
    const [, pending] = await knex.migrate.list({ directory });
    if (pending.length === 0) {
      throw new Error(`There is no migration named ${name}`);
    }
    await knex.migrate.up({ directory });
  }
}

/**
 * Rolls migrations back one at a time, newest first, until `name` is undone too, so a test of
 * one migration's `down` keeps working when later migrations are added.
 */
export async function migrateDownThrough(
  knex: Knex,
  name: string,
): Promise<void> {
  while ((await completedNames(knex)).includes(name)) {
    await knex.migrate.down({ directory });
  }
}
