/*
 * A write is decided on the SLO as it was read: the permission is asked about the entity the SLO
 * was on. When someone else moves the SLO to another entity between that check and the write (here
 * the move is committed while the permission is being asked, which makes the race happen every
 * time), the write is refused with a 409 and changes nothing: jane may change checkout's SLOs, not
 * payments'. Without a move the same writes go through. On every test database.
 */
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import {
  CHECKOUT,
  PAYMENTS,
  jane,
  moveRace,
  moveRaceCatalog,
  moveRaceEntities,
  sam,
} from '../__testUtils__/moveRace';
import { sloBodyFor } from '../__testUtils__/sloSpecs';
import { sloServiceForTest, unusedSource } from '../__testUtils__/sloService';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { SloEvaluationRunner } from './SloEvaluationRunner';
import { SloEvaluator } from './SloEvaluator';
import { SloService } from './SloService';

const databases = createTestDatabases();

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
    const race = moveRace();
    const { checked } = race;

    beforeAll(async () => {
      store = await DatabaseSloStore.forTest(
        await databases.init(databaseId as TestDatabaseId),
      );
      const evaluator = new SloEvaluator(new Map([['prom', unusedSource]]), {
        queryTimeoutMs: 1000,
      });
      janes = new SloService({
        store,
        evaluator,
        runner: new SloEvaluationRunner(store, evaluator, {
          concurrencyPerSource: 1,
        }),
        ...moveRaceCatalog(),
        permissions: race.janesPermissions,
        stalenessMs: 600_000,
      });
      sams = sloServiceForTest(store, { entities: moveRaceEntities() });
    }, 60_000);

    beforeEach(() => race.reset());

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
      `SLO ${id} changed since you read it: it was moved to another entity; read it again and retry`;

    it('refuses a delete when the SLO was moved meanwhile, and deletes nothing', async () => {
      const slo = await checkoutSlo('delete-raced');
      race.duringNextCheck(moveToPayments(slo));

      await expect(janes.delete(slo.id, jane)).rejects.toMatchObject({
        name: 'ConflictError',
        message: `SLO ${slo.id} is at version 2, not 1: it changed since you read it; read it again and retry`,
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
      race.duringNextCheck(moveToPayments(slo));

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
      race.duringNextCheck(async () => {
        await sams.update(
          slo.id,
          { ...sloBodyFor(CHECKOUT, slo.name), objective: 0.95, version: 1 },
          sam,
        );
      });
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
      race.duringNextCheck(moveToPayments(slo));

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

    it('refuses with the move, not a 404, a removal that raced a move and another removal of the correction', async () => {
      const slo = await checkoutSlo('remove-raced-twice');
      const correction = await sams.addCorrection(slo.id, correctionBody, sam);
      race.duringNextCheck(async () => {
        await moveToPayments(slo)();
        await sams.deleteCorrection(slo.id, correction.id, sam);
      });

      await expect(
        janes.deleteCorrection(slo.id, correction.id, jane),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: movedMessage(slo.id),
      });
      expect(checked).toEqual([`stewardship.slo.update ${CHECKOUT}`]);
      const after = await store.getSlo(slo.id);
      expect(after).toMatchObject({ entityRef: PAYMENTS, version: 2 });
      expect(after?.corrections).toBeUndefined();
    });

    it('answers 404 for a correction removed meanwhile from an SLO that stayed where it was', async () => {
      const slo = await checkoutSlo('remove-gone');
      const correction = await sams.addCorrection(slo.id, correctionBody, sam);
      race.duringNextCheck(() =>
        sams.deleteCorrection(slo.id, correction.id, sam),
      );

      await expect(
        janes.deleteCorrection(slo.id, correction.id, jane),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        message: `SLO ${slo.id} has no correction with id ${correction.id}`,
      });
      expect(checked).toEqual([`stewardship.slo.update ${CHECKOUT}`]);
      expect(await store.getSlo(slo.id)).toMatchObject({
        entityRef: CHECKOUT,
        version: 1,
      });
    });

    it('removes a correction of an SLO nobody moved', async () => {
      const slo = await checkoutSlo('remove-calm');
      const correction = await sams.addCorrection(slo.id, correctionBody, sam);
      await janes.deleteCorrection(slo.id, correction.id, jane);
      expect((await store.getSlo(slo.id))?.corrections).toBeUndefined();
    });

    it('refuses an update whose version is ahead of the one checked, when a move made it current', async () => {
      const slo = await checkoutSlo('update-raced');
      race.duringNextCheck(moveToPayments(slo));

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
        message: `SLO ${slo.id} was at version 1 when this change was checked, not 2: it changed meanwhile, or version 2 does not exist; read it again and retry`,
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

    /** Every snapshot stored for `sloId`, as its history reads them: their moments. */
    const snapshotMoments = async (sloId: string) =>
      (
        await store.snapshotHistory(sloId, {
          from: new Date(0),
          to: new Date(Date.now() + 86_400_000),
          limit: 100,
        })
      ).map(point => point.at);

    it('refuses an on-demand evaluation when the SLO was moved meanwhile, and stores no snapshot', async () => {
      const slo = await checkoutSlo('evaluate-raced');
      race.duringNextCheck(moveToPayments(slo));
      const at = new Date(Date.now() - 3_600_000);

      await expect(janes.evaluate(slo.id, at, jane)).rejects.toMatchObject({
        name: 'ConflictError',
        message: movedMessage(slo.id),
      });
      expect(checked).toEqual([`stewardship.slo.update ${CHECKOUT}`]);
      expect(await store.getSlo(slo.id)).toMatchObject({ entityRef: PAYMENTS });
      expect(await snapshotMoments(slo.id)).toEqual([]);
    });

    it('refuses an on-demand evaluation when the SLO was deleted meanwhile, and stores no snapshot', async () => {
      const slo = await checkoutSlo('evaluate-deleted');
      race.duringNextCheck(() => store.deleteSlo(slo.id, 'user:default/sam'));
      const at = new Date(Date.now() - 3_600_000);

      await expect(janes.evaluate(slo.id, at, jane)).rejects.toMatchObject({
        name: 'NotFoundError',
      });
      expect(await snapshotMoments(slo.id)).toEqual([]);
    });

    it('stores an on-demand evaluation of an SLO nobody moved', async () => {
      const slo = await checkoutSlo('evaluate-calm');
      const at = new Date(Date.now() - 3_600_000);
      const evaluation = await janes.evaluate(slo.id, at, jane);
      expect(evaluation.at).toBe(at.toISOString());
      expect(await snapshotMoments(slo.id)).toEqual([at.toISOString()]);
    });
  },
);
