import { TestDatabases } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import { tableDigest } from './tableDigest';

// The fuzz step trusts equal digests to mean "no row changed": check that any change shows.
describe('tableDigest', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('changes when a row is added, changed or removed, and only then', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({
      directory: resolve(__dirname, '../../../migrations'),
    });
    const row = {
      id: '00000000-0000-4000-8000-000000000001',
      entity_ref: 'component:default/a',
      name: 'a',
      metric_source: 'prom',
      version: 1,
      spec: '{}',
      created_at: 1,
      updated_at: 1,
    };
    const empty = await tableDigest(knex);
    expect(await tableDigest(knex)).toBe(empty);

    await knex('slos').insert(row);
    const added = await tableDigest(knex);
    expect(added).not.toBe(empty);

    await knex('slos').update({ version: 2 });
    const changed = await tableDigest(knex);
    expect(changed).not.toBe(added);

    await knex('slo_snapshots').insert({
      slo_id: row.id,
      slo_version: 2,
      at: 1,
      evaluated_at: 1,
      status: 'healthy',
      evaluation: '{}',
    });
    const snapshot = await tableDigest(knex);
    expect(snapshot).not.toBe(changed);
    await knex('slo_snapshots').update({ evaluation: '{"a":1}' });
    expect(await tableDigest(knex)).not.toBe(snapshot);

    await knex('slo_snapshots').delete();
    await knex('slos').delete();
    expect(await tableDigest(knex)).toBe(empty);
  });

  it('reads every table the migrations create, and one created later', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({
      directory: resolve(__dirname, '../../../migrations'),
    });
    const empty = await tableDigest(knex);
    // Created by a migration of its own, and written by the overrides route.
    await knex('release_gate_overrides').insert({
      id: '00000000-0000-4000-8000-000000000002',
      entity_ref: 'component:default/a',
      justification: 'hotfix',
      created_by: 'user:default/jane',
      created_at: 1,
      expires_at: 2,
    });
    const overridden = await tableDigest(knex);
    expect(overridden).not.toBe(empty);
    await knex.schema.createTable('added_later', table => {
      table.string('name');
    });
    const added = await tableDigest(knex);
    await knex('added_later').insert({ name: 'a' });
    expect(await tableDigest(knex)).not.toBe(added);
    await knex('added_later').delete();
    expect(await tableDigest(knex)).toBe(added);
  });
});
