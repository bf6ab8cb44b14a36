/*
 * Pruning lapsed ownership reminder claims, on SQLite and PostgreSQL: the store deletes the
 * claims made before a cutoff and no others, at most one batch per statement; a prune running
 * with claimers (truly at once on PostgreSQL, on separate connections) fails nothing and deletes
 * no claim they hold or just took over; on PostgreSQL it skips a row a claimer holds instead of
 * waiting for it. A reminders run ends by pruning the claims whose lease ended over a day ago.
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  OwnershipReminderStore,
  REMINDER_CLAIM_PRUNE_BATCH_SIZE,
} from '../database/OwnershipReminderStore';
import { StewardshipDatabase } from '../database/StewardshipDatabase';
import {
  createTestDatabases,
  openPooledConnections,
} from '../__testUtils__/testDatabases';
import {
  LAPSED_CLAIM_RETENTION_MS,
  OwnershipReminders,
  REMINDER_CLAIM_LEASE_MS,
} from './OwnershipReminders';

const databases = createTestDatabases();
const runPostgres = Boolean(
  process.env.CI || process.env.STEWARDSHIP_TEST_POSTGRES,
);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const now = Date.parse('2026-12-20T09:00:00.000Z');
/** The cutoff a run at `now` prunes with. */
const cutoff = now - REMINDER_CLAIM_LEASE_MS - LAPSED_CLAIM_RETENTION_MS;

type Claim = [key: string, claimant: string, at: number];

async function insertClaims(knex: Knex, claims: Claim[]) {
  await knex.batchInsert(
    'ownership_reminder_claims',
    claims.map(([reminder_key, claimant, claimed_at]) => ({
      reminder_key,
      claimant,
      claimed_at,
    })),
    500,
  );
}

const byKey = (a: Claim, b: Claim) => (a[0] < b[0] ? -1 : Number(a[0] > b[0]));

async function claimsLeft(knex: Knex): Promise<Claim[]> {
  const rows = await knex('ownership_reminder_claims');
  return rows
    .map((r): Claim => [r.reminder_key, r.claimant, Number(r.claimed_at)])
    .sort(byKey);
}

/** The number of `delete` statements sent while `run` runs. */
async function deletesDuring<T>(knex: Knex, run: () => Promise<T>) {
  let deletes = 0;
  const listener = (query: Knex.Sql) => {
    // The statement that deletes (its batch read in a WITH clause of the same statement).
    if (/\bdelete from\b/i.test(query.sql)) deletes += 1;
  };
  knex.on('query', listener);
  try {
    return { result: await run(), deletes };
  } finally {
    knex.removeListener('query', listener);
  }
}

const keys = (prefix: string, count: number) =>
  Array.from(
    { length: count },
    (_, i) => `${prefix}${String(i).padStart(4, '0')}`,
  );

describe('DatabaseOwnershipReminderStore.pruneClaims', () => {
  it.each(databases.eachSupportedId())(
    'deletes the claims made before the cutoff and keeps the rest (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = (await StewardshipDatabase.forTest(knex))
        .ownershipReminders;
      const claims: Claim[] = [
        ['exemption:long-gone', 'crashed-1', cutoff - 30 * DAY],
        ['exemption:just-before', 'crashed-2', cutoff - 1],
        ['exemption:at-cutoff', 'crashed-3', cutoff],
        ['attestation:recently-lapsed', 'crashed-4', now - 2 * HOUR],
        ['attestation:live', 'running', now - MINUTE],
      ];
      await insertClaims(knex, claims);

      const kept = claims.filter(([, , at]) => at >= cutoff);
      expect(await store.pruneClaims(new Date(cutoff))).toBe(
        claims.length - kept.length,
      );
      expect(await claimsLeft(knex)).toEqual([...kept].sort(byKey));
      // Nothing more to delete.
      expect(await store.pruneClaims(new Date(cutoff))).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes at most one batch, in one statement (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = (await StewardshipDatabase.forTest(knex))
        .ownershipReminders;
      const lapsed = keys('lapsed-', REMINDER_CLAIM_PRUNE_BATCH_SIZE + 234);
      const live: Claim[] = keys('live-', 3).map(k => [k, 'running', now]);
      await insertClaims(knex, [
        ...lapsed.map((k, i): Claim => [k, 'crashed', cutoff - 1 - i]),
        ...live,
      ]);

      let left = lapsed.length;
      for (const batchSize of [undefined, 100, undefined, undefined]) {
        const expected = Math.min(
          left,
          batchSize ?? REMINDER_CLAIM_PRUNE_BATCH_SIZE,
        );
        const { result, deletes } = await deletesDuring(knex, () =>
          store.pruneClaims(new Date(cutoff), { batchSize }),
        );
        expect(result).toBe(expected);
        expect(deletes).toBe(1);
        left -= expected;
        const [{ count }] = await knex('ownership_reminder_claims').count({
          count: '*',
        });
        expect(Number(count)).toBe(left + live.length);
      }
      expect(left).toBe(0);
      expect(await claimsLeft(knex)).toEqual(live);
    },
  );

  it.each(databases.eachSupportedId())(
    'runs with claimers at once without an error, and deletes none of their claims (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = (await StewardshipDatabase.forTest(knex))
        .ownershipReminders;
      await openPooledConnections(knex);
      // Several rounds: each one a new race between the same statements.
      for (let round = 0; round < 5; round += 1) {
        await knex('ownership_reminder_claims').delete();
        const lapsed = keys(`r${round}-lapsed-`, 800);
        const live: Claim[] = keys(`r${round}-live-`, 100).map(k => [
          k,
          'running',
          now - MINUTE,
        ]);
        await insertClaims(knex, [
          ...lapsed.map((k, i): Claim => [k, 'crashed', cutoff - 1 - i]),
          ...live,
        ]);
        // Four runs each take over every fourth lapsed claim (across the whole range, so their
        // rows interleave with the prunes'), and each claims a new key too; a fifth wants a live
        // claim and one lapsed claim, and gets neither.
        const takers = [0, 1, 2, 3].map(n => ({
          claimant: `taker-${n}`,
          keys: [
            ...lapsed.filter((_, i) => i % 4 === n && i % 8 !== 7),
            `r${round}-new-${n}`,
          ],
        }));
        const claim = (claimant: string, claimed: string[]) =>
          store.claim(claimed, {
            claimant,
            at: new Date(now),
            leaseMs: REMINDER_CLAIM_LEASE_MS,
          });
        const prune = () =>
          store.pruneClaims(new Date(cutoff), { batchSize: 300 });
        // Started in turns, so each prune runs beside claimers.
        const [, taken0, , taken1, , ...rest] = await Promise.all([
          prune(),
          claim(takers[0].claimant, takers[0].keys),
          prune(),
          claim(takers[1].claimant, takers[1].keys),
          prune(),
          claim(takers[2].claimant, takers[2].keys),
          claim(takers[3].claimant, takers[3].keys),
          claim('latecomer', [live[0][0], lapsed[7]]),
        ]);
        expect([taken0, taken1, rest[0], rest[1]]).toEqual(
          takers.map(() => new Map()),
        );
        expect(rest[2]).toBeUndefined();
        // A clean-up after the race: every lapsed claim nobody took over goes.
        await store.pruneClaims(new Date(cutoff), { batchSize: 10_000 });

        const held: Claim[] = takers.flatMap(t =>
          t.keys.map((k): Claim => [k, t.claimant, now]),
        );
        expect(await claimsLeft(knex)).toEqual([...live, ...held].sort(byKey));
      }
    },
  );
});

// Row locks are PostgreSQL's alone (SQLite has one writer); run wherever a server is given.
(runPostgres ? describe : describe.skip)(
  'DatabaseOwnershipReminderStore.pruneClaims on PostgreSQL',
  () => {
    it('skips a lapsed claim a claimer is taking over, without waiting for it', async () => {
      const knex = await databases.init('POSTGRES_15');
      const store = (await StewardshipDatabase.forTest(knex))
        .ownershipReminders;
      await insertClaims(knex, [
        ['a', 'crashed', cutoff - DAY],
        ['b', 'crashed', cutoff - DAY],
      ]);
      // The prune's connection is open already: the wait below is for locks alone.
      await openPooledConnections(knex);
      // A run taking 'a' over (as a claim's upsert does), its transaction not yet committed.
      const taking = await knex.transaction();
      try {
        await taking('ownership_reminder_claims')
          .where('reminder_key', 'a')
          .update({ claimant: 'taker', claimed_at: now });
        const prune = store.pruneClaims(new Date(cutoff));
        let timer: NodeJS.Timeout | undefined;
        const first = await Promise.race([
          prune,
          new Promise(resolve => {
            timer = setTimeout(() => resolve('still waiting'), 2_000);
          }),
        ]);
        clearTimeout(timer);
        await taking.commit();
        const pruned = await prune;
        // The taken-over claim stands; the prune deleted only 'b', and did so at once.
        expect(await claimsLeft(knex)).toEqual([['a', 'taker', now]]);
        expect(pruned).toBe(1);
        expect(first).toBe(1);
      } finally {
        if (!taking.isCompleted()) await taking.rollback();
      }
    });
  },
);

describe('OwnershipReminders, lapsed claims', () => {
  function reminders(
    store: OwnershipReminderStore,
    options: { claimLeaseMs?: number } = {},
  ) {
    const logger = mockServices.logger.mock();
    const send = jest.fn(async () => {});
    const instance = new OwnershipReminders({
      ownership: { catalogEvaluations: async () => [] },
      exemptions: { exemptionsInForce: async () => [] },
      sent: store,
      notifications: { send },
      logger,
      attestationReminderIntervalMs: 7 * DAY,
      ...options,
      now: () => new Date(now),
    });
    return { instance, logger };
  }

  it.each(databases.eachSupportedId())(
    'a run deletes the claims whose lease ended over a day ago, and no others (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = (await StewardshipDatabase.forTest(knex))
        .ownershipReminders;
      // Left by runs that died mid-send, on reminders no longer due (nothing is due in this run).
      const claims: Claim[] = [
        ['exemption:gone', 'crashed-1', now - HOUR - DAY - 1],
        ['exemption:long-gone', 'crashed-2', now - 90 * DAY],
        ['exemption:a-day-after-its-lease', 'crashed-3', now - HOUR - DAY],
        ['attestation:recently-lapsed', 'crashed-4', now - 2 * HOUR],
        ['attestation:live', 'running', now - MINUTE],
      ];
      await insertClaims(knex, claims);

      // Aborted: nothing is pruned.
      const aborted = new AbortController();
      aborted.abort(new Error('shutting down'));
      expect(
        await reminders(store).instance.run(mockCredentials.service(), {
          signal: aborted.signal,
        }),
      ).toBe(0);
      expect(await claimsLeft(knex)).toEqual([...claims].sort(byKey));

      // A run with a longer lease waits for it too: only the 90-day-old claim has gone a day past
      // a three-hour lease.
      await reminders(store, { claimLeaseMs: 3 * HOUR }).instance.run(
        mockCredentials.service(),
      );
      expect(await claimsLeft(knex)).toEqual(
        claims.filter(([k]) => k !== 'exemption:long-gone').sort(byKey),
      );

      const { instance, logger } = reminders(store);
      expect(await instance.run(mockCredentials.service())).toBe(0);
      expect(await claimsLeft(knex)).toEqual(claims.slice(2).sort(byKey));
      expect(logger.info).toHaveBeenCalledWith(
        'Ownership reminders: deleted 1 claim whose lease ended over a day ago (left by runs that stopped mid-send)',
      );
    },
  );

  it('a failed prune is logged and leaves the run as it was', async () => {
    const store: OwnershipReminderStore = {
      lastSent: async () => new Map(),
      claim: async () => new Map(),
      markSent: async () => {},
      release: async () => {},
      pruneClaims: async () => {
        throw new Error('database is locked');
      },
    };
    const { instance, logger } = reminders(store);
    expect(await instance.run(mockCredentials.service())).toBe(0);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not delete lapsed ownership reminder claims (the next run tries again): database is locked',
    );
  });
});
