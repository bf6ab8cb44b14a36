/*
 * An action item's write is decided on the incident as it was read: the permission is asked about
 * the entity the incident was on. When someone else moves the incident to another entity between
 * that check and the write (here the move is committed while the permission is being asked, which
 * makes the race happen every time), the write is refused with a 409 and changes nothing: jane may
 * change checkout's incidents, not payments'. Without a move the same writes go through. On every
 * test database, through the store the plugin wires (signalling, over the database one).
 */
import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { Incident } from '@stewardship/backstage-plugin-stewardship-common';
import {
  CHECKOUT,
  PAYMENTS,
  jane,
  moveRace,
  moveRaceCatalog,
  sam,
} from '../__testUtils__/moveRace';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { EntityPermissions } from '../lib/EntityPermissions';
import { IncidentService } from './IncidentService';
import { SignallingIncidentStore } from './SignallingIncidentStore';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'Action item writes racing a move, on %p',
  databaseId => {
    let store: DatabaseIncidentStore;
    /** jane's service: her policy lets her change checkout's incidents only. */
    let janes: IncidentService;
    /** sam's service: every permission allowed; he moves incidents. */
    let sams: IncidentService;
    const race = moveRace();
    const { checked } = race;
    let signals: number;

    beforeAll(async () => {
      store = await DatabaseIncidentStore.forTest(
        await databases.init(databaseId as TestDatabaseId),
      );
      const wired = new SignallingIncidentStore(
        store,
        { publish: async () => void (signals += 1) },
        mockServices.logger.mock(),
      );
      const access = moveRaceCatalog();
      const slos = { getSlo: async () => undefined };
      janes = new IncidentService({
        store: wired,
        slos,
        ...access,
        permissions: race.janesPermissions,
      });
      sams = new IncidentService({
        store: wired,
        slos,
        ...access,
        permissions: new EntityPermissions(mockServices.permissions()),
      });
    }, 60_000);

    beforeEach(() => {
      race.reset();
      signals = 0;
    });

    /** A new incident of checkout, version 1. */
    const checkoutIncident = (title: string) =>
      sams.create({ entityRef: 'checkout', title, severity: 'SEV3' }, sam);

    /** sam moves the incident (as read at `incident.version`) to payments. */
    const moveToPayments = (incident: Incident) => async () => {
      await sams.update(
        incident.id,
        { version: incident.version, entityRef: 'payments' },
        sam,
      );
    };

    const movedMessage = (id: string) =>
      `Incident ${id} changed since you read it: it was moved to another entity; read it again and retry`;

    it('refuses to add an action item when the incident was moved meanwhile, and adds none', async () => {
      const incident = await checkoutIncident('add raced');
      race.duringNextCheck(moveToPayments(incident));
      signals = 0;

      await expect(
        janes.addActionItem(incident.id, { title: 'Add a canary' }, jane),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: movedMessage(incident.id),
      });
      // The check was about checkout, where the incident was when read.
      expect(checked).toEqual([`stewardship.incident.update ${CHECKOUT}`]);
      const after = await store.getIncident(incident.id);
      expect(after).toMatchObject({ entityRef: PAYMENTS, version: 2 });
      expect(after?.actionItems).toEqual([]);
      // created, and sam's move: no action-item entry.
      expect(after?.timeline?.map(entry => entry.type)).toEqual([
        'created',
        'updated',
      ]);
      // One signal: sam's move. The refused write tells nobody.
      expect(signals).toBe(1);
    });

    it('adds an action item to an incident nobody moved', async () => {
      const incident = await checkoutIncident('add calm');
      signals = 0;
      const item = await janes.addActionItem(
        incident.id,
        { title: 'Add a canary' },
        jane,
      );
      const after = await store.getIncident(incident.id);
      expect(after?.actionItems).toEqual([item]);
      expect(item).toMatchObject({ title: 'Add a canary', status: 'open' });
      // The added item is told.
      expect(signals).toBe(1);
    });

    it('refuses to change an action item when the incident was moved meanwhile, and keeps it', async () => {
      const incident = await checkoutIncident('update raced');
      const item = await sams.addActionItem(
        incident.id,
        { title: 'Add a canary' },
        sam,
      );
      const before = await store.getIncident(incident.id);
      race.duringNextCheck(moveToPayments(before!));
      signals = 0;

      await expect(
        janes.updateActionItem(incident.id, item.id, { status: 'done' }, jane),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: movedMessage(incident.id),
      });
      expect(checked).toEqual([`stewardship.incident.update ${CHECKOUT}`]);
      const after = await store.getIncident(incident.id);
      expect(after).toMatchObject({ entityRef: PAYMENTS, version: 2 });
      expect(after?.actionItems).toEqual([item]);
      expect(after?.timeline?.map(entry => entry.type)).toEqual([
        'created',
        'action-item',
        'updated',
      ]);
      expect(signals).toBe(1);
    });

    it('changes an action item of an incident nobody moved', async () => {
      const incident = await checkoutIncident('update calm');
      const item = await sams.addActionItem(
        incident.id,
        { title: 'Add a canary' },
        sam,
      );
      const done = await janes.updateActionItem(
        incident.id,
        item.id,
        { status: 'done' },
        jane,
      );
      expect(done).toMatchObject({ id: item.id, status: 'done' });
      const after = await store.getIncident(incident.id);
      expect(after?.actionItems?.map(i => i.status)).toEqual(['done']);
    });
  },
);
