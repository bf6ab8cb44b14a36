/*
 * A history's range, on every test database: an empty range names what ends it (`to`, `at` or
 * now), and a default start never reaches back before 1970, where an explicit `from` may not.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { sloServiceForTest } from '../__testUtils__/sloService';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ratioSloSpec } from '../__testUtils__/sloSpecs';
import { SloService } from './SloService';

const databases = createTestDatabases();
const jane = mockCredentials.user('user:default/jane');
const date = (iso: string) => new Date(iso);

describe.each(databases.eachSupportedId())(
  'SLO history range on %p',
  databaseId => {
    let service: SloService;
    let id: string;

    beforeAll(async () => {
      const store = await DatabaseSloStore.forTest(
        await databases.init(databaseId as TestDatabaseId),
      );
      service = sloServiceForTest(store, {
        now: () => new Date('2026-12-06T10:00:00Z'),
      });
      // A rolling 30-day window.
      id = (
        await store.createSlo(
          ratioSloSpec('component:default/checkout', 'availability'),
          'user:default/jane',
        )
      ).id;
    });

    const history = (range: { from?: Date; to?: Date; at?: Date }) =>
      service.history(id, { ...range, limit: 500 }, jane);

    it('says a from after at is not before at, when no to was sent', async () => {
      await expect(
        history({
          from: date('2026-12-06T09:00:00Z'),
          at: date('2026-12-06T08:00:00Z'),
        }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message:
          'Invalid query parameter "from": must be before "at", where the history ends when no "to" is given',
      });
    });

    it('says a future from is not before now, when neither to nor at was sent', async () => {
      await expect(
        history({ from: date('2030-01-01T00:00:00Z') }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message:
          'Invalid query parameter "from": must be before now, where the history ends when neither "to" nor "at" is given',
      });
    });

    it('still says "before to" when to was sent', async () => {
      await expect(
        history({
          from: date('2026-12-06T09:00:00Z'),
          to: date('2026-12-06T09:00:00Z'),
        }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: 'Invalid query parameter "from": must be before "to"',
      });
    });

    it('starts a default range at 1970 at the earliest, as an explicit from must', async () => {
      // The 30-day window ending one second into 1970 would start on 2 December 1969.
      const result = await history({ to: date('1970-01-01T00:00:01Z') });
      expect(result).toMatchObject({
        from: '1970-01-01T00:00:00.000Z',
        to: '1970-01-01T00:00:01.000Z',
        points: [],
      });
    });

    it('refuses a history ending at the first instant of 1970, naming the end', async () => {
      await expect(
        history({ at: date('1970-01-01T00:00:00Z') }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message:
          'Invalid query parameter "at": must be after 1970-01-01T00:00:00Z, for the history to cover some time',
      });
    });
  },
);
