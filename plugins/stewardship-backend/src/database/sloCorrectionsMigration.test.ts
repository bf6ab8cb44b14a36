/*
 * The SLO corrections migration goes up, down (dropping the column and what it held) and up again
 * on every test database; the store keeps corrections beside the spec: a PUT of the spec leaves
 * them, and a deleted correction is gone.
 */
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();
const MIGRATION = '202612040900_slo_corrections.js';

describe.each(databases.eachSupportedId())(
  'SLO corrections migration on %p',
  databaseId => {
    it('goes up, down and up again, and corrections survive a spec update', async () => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      expect(await knex.schema.hasColumn('slos', 'corrections')).toBe(true);
      await migrateDownThrough(knex, MIGRATION);
      expect(await knex.schema.hasColumn('slos', 'corrections')).toBe(false);

      const db = await StewardshipDatabase.forTest(knex, {
        now: () => new Date('2026-11-30T10:00:00.000Z'),
      });
      const spec = {
        entityRef: 'component:default/a',
        name: 'availability',
        sli: { type: 'ratio' as const, good: 'ok', total: 'all' },
        objective: 0.99,
        timeWindow: { type: 'rolling' as const, duration: '30d' },
        budgetingMethod: 'occurrences' as const,
        metricSource: 'prom',
        alertPolicies: [],
        labels: {},
      };
      const slo = await db.slos.createSlo(spec, 'user:default/jane');
      expect(slo.corrections).toBeUndefined();
      const weekly = await db.slos.addCorrection(
        slo.id,
        {
          reason: 'Sunday maintenance',
          weekly: {
            days: ['sun'],
            from: '02:00',
            to: '04:00',
            timeZone: 'Europe/Berlin',
          },
        },
        'user:default/jane',
      );
      const once = await db.slos.addCorrection(
        slo.id,
        {
          reason: 'Database upgrade',
          once: {
            start: '2026-11-29T10:00:00Z',
            end: '2026-11-29T12:00:00Z',
          },
        },
        'user:default/joe',
      );
      expect(once).toMatchObject({
        author: 'user:default/joe',
        createdAt: '2026-11-30T10:00:00.000Z',
      });
      const updated = await db.slos.updateSlo(
        slo.id,
        { ...spec, objective: 0.995 },
        1,
        'user:default/jane',
      );
      expect(updated.corrections).toEqual([weekly, once]);

      await db.slos.deleteCorrection(slo.id, weekly.id);
      expect((await db.slos.getSlo(slo.id))!.corrections).toEqual([once]);
      await expect(
        db.slos.deleteCorrection(slo.id, weekly.id),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await db.slos.deleteCorrection(slo.id, once.id);
      expect((await db.slos.getSlo(slo.id))!.corrections).toBeUndefined();
    });
  },
);
