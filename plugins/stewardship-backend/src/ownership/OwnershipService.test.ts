import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseOwnershipSnapshotStore } from '../database/DatabaseOwnershipSnapshotStore';
import { allRoles, component, group, user } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CatalogOwnershipReader } from './CatalogOwnershipReader';
import { DEFAULT_OWNERSHIP_POLICY } from './OwnershipPolicy';
import { OwnershipService } from './OwnershipService';
import { catalogAccess } from '../__testUtils__/catalogReadPolicy';

const databases = createTestDatabases();

describe('OwnershipService', () => {
  it.each(databases.eachSupportedId())(
    'snapshots the catalog daily and serves the trend, %p',
    async databaseId => {
      const store = await DatabaseOwnershipSnapshotStore.forTest(
        await databases.init(databaseId),
      );
      const catalog = catalogServiceMock({
        entities: [
          group('payments', ['user:default/jane']),
          user('jane', ['group:default/payments']),
          component('good', { annotations: allRoles('user:default/jane') }),
          component('bad'),
        ],
      });
      let now = new Date('2026-11-21T23:30:00Z');
      const service = new OwnershipService(
        new CatalogOwnershipReader(catalog, DEFAULT_OWNERSHIP_POLICY),
        store,
        { ...catalogAccess(catalog), now: () => now },
      );
      const credentials = mockCredentials.service();

      await service.takeScorecardSnapshot(credentials);
      now = new Date('2026-11-22T00:30:00Z');
      const summary = await service.takeScorecardSnapshot(credentials);
      expect(summary).toMatchObject({ entities: 2, compliant: 1 });

      const scorecard = await service.getScorecard(
        { filter: {}, offset: 0, limit: 10 },
        mockCredentials.user(),
      );
      expect(scorecard.trend).toEqual([
        {
          day: '2026-11-21',
          entities: 2,
          compliant: 1,
          roleOk: { business: 1, product: 1, engineering: 1 },
        },
        {
          day: '2026-11-22',
          entities: 2,
          compliant: 1,
          roleOk: { business: 1, product: 1, engineering: 1 },
        },
      ]);
      expect(scorecard.failing.items.map(i => i.name)).toEqual(['bad']);
    },
  );
});
