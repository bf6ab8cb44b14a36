/*
 * Evaluations stored before 3 December 2026 did not record `excludedCorrections`; the entity's
 * list and the snapshot route count it for them (the SLOs tab shows "N corrections excluded"),
 * on every test database. One that recorded it is served as recorded.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { sloServiceForTest } from '../__testUtils__/sloService';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { storedEvaluation } from '../__testUtils__/evaluations';
import { ratioSloSpec } from '../__testUtils__/sloSpecs';
import { SloService } from './SloService';

const databases = createTestDatabases();

const ENTITY = 'component:default/checkout';
// The stored evaluations ran at 1 June 10:00 over a 30-day window: (2 May 10:00, 1 June 10:00].
const RAN_AT = Date.parse('2026-06-01T10:00:00Z');
const WINDOW = {
  start: '2026-05-02T10:00:00.000Z',
  end: '2026-06-01T10:00:00.000Z',
};

describe.each(databases.eachSupportedId())(
  'corrections excluded by stored evaluations on %p',
  databaseId => {
    let service: SloService;
    let legacyId: string;
    let recordedId: string;

    beforeAll(async () => {
      let clock = new Date('2026-03-01T00:00:00Z');
      const store = await DatabaseSloStore.forTest(
        await databases.init(databaseId as TestDatabaseId),
        () => clock,
      );
      // A day's staleness: both snapshots are served as stored, never evaluated again.
      service = sloServiceForTest(store, {
        stalenessMs: 86_400_000,
        now: () => new Date('2026-06-01T12:05:00Z'),
      });
      const legacy = await store.createSlo(
        ratioSloSpec(ENTITY, 'legacy'),
        'user:default/jane',
      );
      const recorded = await store.createSlo(
        ratioSloSpec(ENTITY, 'recorded'),
        'user:default/jane',
      );
      legacyId = legacy.id;
      recordedId = recorded.id;

      const addToBoth = async (
        correction: Parameters<DatabaseSloStore['addCorrection']>[1],
      ) => {
        for (const id of [legacyId, recordedId]) {
          await store.addCorrection(id, correction, 'user:default/jane');
        }
      };
      // Added 1 April, excluding 10 April: before the window, so it cut nothing.
      clock = new Date('2026-04-01T00:00:00Z');
      await addToBoth({
        reason: 'April outage',
        once: { start: '2026-04-10T00:00:00Z', end: '2026-04-10T02:00:00Z' },
      });
      // Added 1 May: 10 May 00:00–02:00 is inside the window; the window holds four Sundays.
      clock = new Date('2026-05-01T00:00:00Z');
      await addToBoth({
        reason: 'Migration',
        once: { start: '2026-05-10T00:00:00Z', end: '2026-05-10T02:00:00Z' },
      });
      await addToBoth({
        reason: 'Sunday maintenance',
        weekly: {
          days: ['sun'],
          from: '02:00',
          to: '04:00',
          timeZone: 'Europe/Berlin',
        },
      });

      const base = { entityRef: ENTITY, objective: 0.999 };
      await store.saveSnapshot(
        storedEvaluation({ ...base, id: legacyId }, RAN_AT, {
          window: WINDOW,
        }),
      );
      // Recorded by an evaluator that counted differently: the stored count is what is shown.
      await store.saveSnapshot(
        storedEvaluation({ ...base, id: recordedId }, RAN_AT, {
          window: WINDOW,
          excludedCorrections: 1,
        }),
      );

      // Added at 11:00, after the evaluations ran: it did not change their figures.
      clock = new Date('2026-06-01T11:00:00Z');
      await addToBoth({
        reason: 'Late entry',
        once: { start: '2026-05-20T00:00:00Z', end: '2026-05-20T02:00:00Z' },
      });
    }, 60_000);

    it("counts the corrections that existed when a stored evaluation ran and cut its window, in the entity's list", async () => {
      const statuses = await service.entityStatuses(ENTITY, undefined);
      const excluded = Object.fromEntries(
        statuses.map(s => [s.slo.name, s.evaluation?.excludedCorrections]),
      );
      // The migration and the Sunday maintenance; not April's, not the one added later.
      expect(excluded).toEqual({ legacy: 2, recorded: 1 });
    });

    it('counts them in the snapshot route too', async () => {
      const credentials = mockCredentials.user();
      expect(
        (await service.snapshot(legacyId, undefined, credentials))
          .excludedCorrections,
      ).toBe(2);
      expect(
        (await service.snapshot(recordedId, undefined, credentials))
          .excludedCorrections,
      ).toBe(1);
    });
  },
);
