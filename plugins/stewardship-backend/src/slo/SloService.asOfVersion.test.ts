/*
 * "Stale as of a moment" judges a snapshot by the SLO's version at that moment, on every test
 * database: an SLO edited on 1 June 12:00 keeps its 10:00 snapshot, of version 1, fresh as of
 * 10:05 that day (it was stale there before: judged by today's version), and stale as of any
 * moment after the edit.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import {
  SloEvaluation,
  SloSpec,
} from '@stewardship/backstage-plugin-stewardship-common';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { sloServiceForTest } from '../__testUtils__/sloService';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SloService } from './SloService';
import { storedEvaluation } from '../__testUtils__/evaluations';

const databases = createTestDatabases();

const CREATED = new Date('2026-06-01T10:00:00Z');
const SNAPSHOT_AT = '2026-06-01T10:00:00.000Z';
const EDITED = new Date('2026-06-01T12:00:00Z');
const NOW = new Date('2026-06-01T12:05:00Z');

const spec = (objective: number): SloSpec => ({
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: { type: 'ratio' as const, good: 'ok_total', total: 'all_total' },
  objective,
  timeWindow: { type: 'rolling' as const, duration: '30d' },
  metricSource: 'prom',
  budgetingMethod: 'occurrences',
  alertPolicies: [],
  labels: {},
});

function snapshot(sloId: string): SloEvaluation {
  const slo = {
    id: sloId,
    entityRef: 'component:default/checkout',
    objective: 0.999,
  };
  return storedEvaluation(slo, Date.parse(SNAPSHOT_AT), {
    sli: 0.9995,
    remaining: 0.5,
    allowedBad: 10,
  });
}

describe.each(databases.eachSupportedId())(
  'staleness as of a moment on %p',
  databaseId => {
    let store: DatabaseSloStore;
    let service: SloService;
    let sloId: string;

    beforeAll(async () => {
      let clock = CREATED;
      store = await DatabaseSloStore.forTest(
        await databases.init(databaseId as TestDatabaseId),
        () => clock,
      );
      // A fresh snapshot is served as stored; a stale one would be evaluated, which fails here.
      // A day's staleness: by age alone the 10:00 snapshot is fresh all the test long, so only
      // its version can make it stale.
      service = sloServiceForTest(store, {
        stalenessMs: 86_400_000,
        now: () => NOW,
      });
      const created = await store.createSlo(spec(0.999), 'user:default/jane');
      sloId = created.id;
      await store.saveSnapshot(snapshot(sloId));
      clock = EDITED;
      await store.updateSlo(sloId, spec(0.995), 1, 'user:default/jane');
    }, 60_000);

    it('reads the version each SLO had at a moment from its revisions', async () => {
      const at = (iso: string) => store.versionsAsOf([sloId], new Date(iso));
      expect(await at('2026-06-01T09:59:59.999Z')).toEqual(new Map());
      expect(await at('2026-06-01T10:00:00.000Z')).toEqual(
        new Map([[sloId, 1]]),
      );
      expect(await at('2026-06-01T11:59:59.999Z')).toEqual(
        new Map([[sloId, 1]]),
      );
      expect(await at('2026-06-01T12:00:00.000Z')).toEqual(
        new Map([[sloId, 2]]),
      );
    });

    it('keeps a snapshot fresh as of a moment before a later edit', async () => {
      const asOf = new Date('2026-06-01T10:05:00Z');
      const [listed] = await service.entityStatuses(
        'component:default/checkout',
        asOf,
      );
      expect(listed.stale).toBe(false);
      // The single-SLO status serves the snapshot instead of evaluating.
      const status = await service.status(sloId, asOf, mockCredentials.user());
      expect(status.at).toBe(SNAPSHOT_AT);
      expect(status.sloVersion).toBe(1);
    });

    it('calls it stale as of a moment after the edit, and now', async () => {
      for (const asOf of [new Date('2026-06-01T12:01:00Z'), undefined]) {
        const [listed] = await service.entityStatuses(
          'component:default/checkout',
          asOf,
        );
        expect(listed.stale).toBe(true);
      }
    });
  },
);
