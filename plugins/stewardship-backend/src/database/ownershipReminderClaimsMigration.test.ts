/*
 * The ownership reminder claims migration goes up, down and up again on every test database, and
 * the store's claims hold as designed: of several runs claiming the same reminders at once (on
 * PostgreSQL truly at once, on separate connections) exactly one wins, all of its keys or none;
 * another run's claim lapses after the lease, to the millisecond; a won claim reads the sendings
 * marked before it; the mark and the release end only the claimant's own claims.
 */
import { migrateDownThrough, migrateUpTo } from '../__testUtils__/migrations';
import {
  createTestDatabases,
  openPooledConnections,
} from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from './StewardshipDatabase';

const databases = createTestDatabases();
const MIGRATION = '202612131130_ownership_reminder_claims.js';
const HOUR = 3_600_000;
const t0 = new Date('2026-11-01T10:00:00.000Z');
const after = (ms: number) => new Date(t0.getTime() + ms);

describe.each(databases.eachSupportedId())(
  'ownership reminder claims migration on %p',
  databaseId => {
    it('goes up, down and up again, and one claim of several at once wins', async () => {
      const knex = await databases.init(databaseId);
      await migrateUpTo(knex, MIGRATION);
      expect(await knex.schema.hasTable('ownership_reminder_claims')).toBe(
        true,
      );
      await migrateDownThrough(knex, MIGRATION);
      expect(await knex.schema.hasTable('ownership_reminder_claims')).toBe(
        false,
      );
      // The table it came after is still there.
      expect(await knex.schema.hasTable('ownership_reminders')).toBe(true);

      const store = (await StewardshipDatabase.forTest(knex))
        .ownershipReminders;
      await openPooledConnections(knex);
      // Eight runs at once; half list the keys in the other order (and all of them more than
      // one statement binds).
      const many = Array.from({ length: 700 }, (_, i) => `k${i}`);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.claim(i % 2 ? [...many].reverse() : many, {
            claimant: `run-${i}`,
            at: t0,
            leaseMs: HOUR,
          }),
        ),
      );
      const winners = results.flatMap((r, i) => (r ? [`run-${i}`] : []));
      expect(winners).toHaveLength(1);
      const rows = await knex('ownership_reminder_claims');
      expect(rows).toHaveLength(700);
      expect(new Set(rows.map(r => r.claimant))).toEqual(new Set(winners));

      // Another run: held back until the lease has passed, to the millisecond.
      expect(
        await store.claim(['k1', 'other'], {
          claimant: 'late',
          at: after(HOUR - 1),
          leaseMs: HOUR,
        }),
      ).toBeUndefined();
      // All or none: 'other' was free, but is not left claimed.
      expect(
        await knex('ownership_reminder_claims').where('reminder_key', 'other'),
      ).toEqual([]);
      // The winner marks k0 sent (ending its claim on k0 only) and releases k2.
      await store.markSent(['k0'], after(10), winners[0]);
      await store.release(['k2'], winners[0]);
      // Neither ends another run's claim.
      await store.markSent(['k3'], after(10), 'late');
      await store.release(['k4'], 'late');
      expect(
        (
          await knex('ownership_reminder_claims').whereIn('reminder_key', [
            'k0',
            'k1',
            'k2',
            'k3',
            'k4',
          ])
        )
          .map(r => r.reminder_key)
          .sort(),
      ).toEqual(['k1', 'k3', 'k4']);
      // k0 and k2 are free at once; a won claim reads the sendings marked before it.
      expect(
        await store.claim(['k0', 'k2'], {
          claimant: 'next',
          at: after(20),
          leaseMs: HOUR,
        }),
      ).toEqual(new Map([['k0', after(10)]]));
      // A lapsed claim is taken over.
      const takeOver = await store.claim(['k1', 'other'], {
        claimant: 'late',
        at: after(HOUR),
        leaseMs: HOUR,
      });
      expect(takeOver).toEqual(new Map());
      const taken = await knex('ownership_reminder_claims').whereIn(
        'reminder_key',
        ['k1', 'other'],
      );
      expect(
        taken.map(r => [r.reminder_key, r.claimant, Number(r.claimed_at)]),
      ).toEqual(
        expect.arrayContaining([
          ['k1', 'late', t0.getTime() + HOUR],
          ['other', 'late', t0.getTime() + HOUR],
        ]),
      );
      expect(taken).toHaveLength(2);
    });
  },
);
