/*
 * A write is decided on the SLO as it was read: the permission is asked about the entity the SLO
 * was on. When someone else moves the SLO to another entity between that check and the write (here
 * the move is committed while the permission is being asked, which makes the race happen every
 * time), the write is refused with a 409 and changes nothing: jane may change checkout's SLOs, not
 * payments'. Without a move the same writes go through. On every test database.
 */
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { catalogAccess } from '../__testUtils__/catalogReadPolicy';
import { component } from '../__testUtils__/entities';
import { sloBodyFor } from '../__testUtils__/sloSpecs';
import { sloServiceForTest, unusedSource } from '../__testUtils__/sloService';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { EntityPermissions } from '../lib/EntityPermissions';
import { SloEvaluationRunner } from './SloEvaluationRunner';
import { SloEvaluator } from './SloEvaluator';
import { SloService } from './SloService';

const databases = createTestDatabases();

const jane = mockCredentials.user('user:default/jane');
const sam = mockCredentials.user('user:default/sam');

const CHECKOUT = 'component:default/checkout';
const PAYMENTS = 'component:default/payments';

const correctionBody = {
  reason: 'Planned database migration',
  once: {
    start: '2026-03-01T00:00:00.000Z',
    end: '2026-03-01T02:00:00.000Z',
  },
};

describe.each(databases.eachSupportedId())(
  'SLO writes racing a move, on %p',
  databaseId => {
    let store: DatabaseSloStore;
    /** jane's service: her policy lets her change checkout's SLOs only. */
    let janes: SloService;
    /** sam's service: every permission allowed; he moves SLOs. */
    let sams: SloService;
    /** Run (once) while jane's next permission is being asked, before it is answered. */
    let duringCheck: (() => Promise<void>) | undefined;
    let checked: string[];

    beforeAll(async () => {
      store = await DatabaseSloStore.forTest(
        await databases.init(databaseId as TestDatabaseId),
      );
      const entities = [component('checkout'), component('payments')];
      const permissions = mockServices.permissions.mock({
        authorize: async requests => {
          const hook = duringCheck;
          duringCheck = undefined;
          if (hook) await hook();
          return requests.map(request => {
            const resourceRef = (request as { resourceRef: string })
              .resourceRef;
            checked.push(`${request.permission.name} ${resourceRef}`);
            return {
              result:
                resourceRef === CHECKOUT
                  ? AuthorizeResult.ALLOW
                  : AuthorizeResult.DENY,
            };
          });
        },
      });
      const evaluator = new SloEvaluator(new Map([['prom', unusedSource]]), {
        queryTimeoutMs: 1000,
      });
      janes = new SloService({
        store,
        evaluator,
        runner: new SloEvaluationRunner(store, evaluator, {
          concurrencyPerSource: 1,
        }),
        ...catalogAccess(catalogServiceMock({ entities })),
        permissions: new EntityPermissions(permissions),
        stalenessMs: 600_000,
      });
      sams = sloServiceForTest(store, { entities });
    }, 60_000);

    beforeEach(() => {
      duringCheck = undefined;
      checked = [];
    });

    /** A new SLO of checkout, version 1. */
    const checkoutSlo = (name: string) =>
      sams.create(sloBodyFor(CHECKOUT, name), sam);

    /** sam moves the SLO (as read at `slo.version`) to payments: version + 1. */
    const moveToPayments = (slo: SloDefinition) => async () => {
      await sams.update(
        slo.id,
        { ...sloBodyFor(PAYMENTS, slo.name), version: slo.version },
        sam,
      );
    };

    const movedMessage = (id: string) =>
      `SLO ${id} changed since it was read: it was moved to another entity; read it again and reapply your change`;

    it('refuses a delete when the SLO was moved meanwhile, and deletes nothing', async () => {
      const slo = await checkoutSlo('delete-raced');
      duringCheck = moveToPayments(slo);

      await expect(janes.delete(slo.id, jane)).rejects.toMatchObject({
        name: 'ConflictError',
        message: `SLO ${slo.id} is at version 2, not 1: it changed since it was read; read it again and retry`,
      });
      // The check was about checkout, where the SLO was when read.
      expect(checked).toEqual([`stewardship.slo.delete ${CHECKOUT}`]);
      const after = await store.getSlo(slo.id);
      expect(after).toMatchObject({ entityRef: PAYMENTS, version: 2 });
      expect(
        (await store.listRevisions(slo.id)).map(r => [r.version, r.action]),
      ).toEqual([
        [1, 'created'],
        [2, 'updated'],
      ]);
    });

    it('deletes an SLO nobody moved', async () => {
      const slo = await checkoutSlo('delete-calm');
      await janes.delete(slo.id, jane);
      expect(await store.getSlo(slo.id)).toBeUndefined();
      expect(
        (await store.listRevisions(slo.id)).map(r => [r.version, r.action]),
      ).toEqual([
        [1, 'created'],
        [2, 'deleted'],
      ]);
    });

    it('refuses a correction when the SLO was moved meanwhile, and adds none', async () => {
      const slo = await checkoutSlo('add-raced');
      duringCheck = moveToPayments(slo);

      await expect(
        janes.addCorrection(slo.id, correctionBody, jane),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: movedMessage(slo.id),
      });
      expect(checked).toEqual([`stewardship.slo.update ${CHECKOUT}`]);
      const after = await store.getSlo(slo.id);
      expect(after).toMatchObject({ entityRef: PAYMENTS, version: 2 });
      expect(after?.corrections).toBeUndefined();
    });

    it('adds a correction when the SLO stayed on its entity, even if edited meanwhile', async () => {
      const slo = await checkoutSlo('add-calm');
      // An edit that keeps the entity does not change who may write: the correction lands.
      duringCheck = async () => {
        await sams.update(
          slo.id,
          { ...sloBodyFor(CHECKOUT, slo.name), objective: 0.95, version: 1 },
          sam,
        );
      };
      const added = await janes.addCorrection(slo.id, correctionBody, jane);

      const after = await store.getSlo(slo.id);
      expect(after).toMatchObject({ entityRef: CHECKOUT, objective: 0.95 });
      expect(after?.corrections).toEqual([
        {
          id: added.id,
          reason: 'Planned database migration',
          once: correctionBody.once,
          author: 'user:default/jane',
          createdAt: added.createdAt,
        },
      ]);
    });

    it('refuses to remove a correction when the SLO was moved meanwhile, and keeps it', async () => {
      const slo = await checkoutSlo('remove-raced');
      const correction = await sams.addCorrection(slo.id, correctionBody, sam);
      duringCheck = moveToPayments(slo);

      await expect(
        janes.deleteCorrection(slo.id, correction.id, jane),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: movedMessage(slo.id),
      });
      expect(checked).toEqual([`stewardship.slo.update ${CHECKOUT}`]);
      const after = await store.getSlo(slo.id);
      expect(after?.entityRef).toBe(PAYMENTS);
      expect(after?.corrections?.map(c => c.id)).toEqual([correction.id]);
    });

    it('removes a correction of an SLO nobody moved', async () => {
      const slo = await checkoutSlo('remove-calm');
      const correction = await sams.addCorrection(slo.id, correctionBody, sam);
      await janes.deleteCorrection(slo.id, correction.id, jane);
      expect((await store.getSlo(slo.id))?.corrections).toBeUndefined();
    });

    it('refuses an update whose version is ahead of the one checked, when a move made it current', async () => {
      const slo = await checkoutSlo('update-raced');
      duringCheck = moveToPayments(slo);

      // jane read version 1 (checkout) but sends version 2: the version sam's move creates
      // while her permission is asked about checkout. Written, it would take payments' SLO.
      await expect(
        janes.update(
          slo.id,
          { ...sloBodyFor(CHECKOUT, slo.name), objective: 0.9, version: 2 },
          jane,
        ),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: `SLO ${slo.id} was at version 1 when this change was checked, not 2: it changed meanwhile, or version 2 does not exist; read it again and reapply your change`,
      });
      expect(checked).toEqual([`stewardship.slo.update ${CHECKOUT}`]);
      const after = await store.getSlo(slo.id);
      expect(after).toMatchObject({
        entityRef: PAYMENTS,
        version: 2,
        objective: 0.99,
      });
    });

    it('updates an SLO nobody moved, with the version read', async () => {
      const slo = await checkoutSlo('update-calm');
      const updated = await janes.update(
        slo.id,
        { ...sloBodyFor(CHECKOUT, slo.name), objective: 0.9, version: 1 },
        jane,
      );
      expect(updated).toMatchObject({
        entityRef: CHECKOUT,
        version: 2,
        objective: 0.9,
      });
    });
  },
);
