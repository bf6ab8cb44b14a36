/*
 * An action item's owner is a user or group in the catalog as the caller sees it: another one is
 * a 400 naming the field and the ref, and nothing is written. Only a new owner is checked: an
 * owner already set stays through other changes, even when the caller cannot see it (it may have
 * left the catalog since). A bare name is a group, or the user of that name when there is no such
 * group. Here sam's catalog has group:default/ops and jane's has not, as a policy hiding it from
 * her would. On every test database.
 */
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogAccess } from '../__testUtils__/catalogReadPolicy';
import { component, group, user } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { EntityPermissions } from '../lib/EntityPermissions';
import { IncidentService } from './IncidentService';

const databases = createTestDatabases();

const jane = mockCredentials.user('user:default/jane');
const sam = mockCredentials.user('user:default/sam');

describe.each(databases.eachSupportedId())(
  'Action item owners, on %p',
  databaseId => {
    let store: DatabaseIncidentStore;
    let janes: IncidentService;
    let sams: IncidentService;
    /** Jane again, but each permission check first runs `duringCheck` (a concurrent change). */
    let racyJanes: IncidentService;
    let duringCheck: (() => Promise<unknown>) | undefined;

    beforeAll(async () => {
      store = await DatabaseIncidentStore.forTest(
        await databases.init(databaseId as TestDatabaseId),
      );
      const seenByJane = [
        component('checkout'),
        group('payments', []),
        user('jane', []),
        user('noah.davis', []),
        // A user named as a group: the bare name is still the group.
        user('payments', []),
      ];
      const service = (entities: typeof seenByJane) =>
        new IncidentService({
          store,
          slos: { getSlo: async () => undefined },
          ...catalogAccess(catalogServiceMock({ entities })),
          permissions: new EntityPermissions(mockServices.permissions()),
        });
      janes = service(seenByJane);
      sams = service([...seenByJane, group('ops', [])]);
      racyJanes = new IncidentService({
        store,
        slos: { getSlo: async () => undefined },
        ...catalogAccess(catalogServiceMock({ entities: seenByJane })),
        permissions: new EntityPermissions(
          mockServices.permissions.mock({
            authorize: async requests => {
              const race = duringCheck;
              duringCheck = undefined;
              await race?.();
              return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
            },
          }),
        ),
      });
    }, 60_000);

    const newIncident = async (title: string) =>
      (
        await sams.create(
          { entityRef: 'checkout', title, severity: 'SEV3' },
          sam,
        )
      ).id;

    it('adds an item owned by a group or user in the catalog, a bare name being a group', async () => {
      const id = await newIncident('owners found');
      const byGroup = await janes.addActionItem(
        id,
        { title: 'Add a canary', ownerRef: 'payments' },
        jane,
      );
      const byUser = await janes.addActionItem(
        id,
        { title: 'Write the review', ownerRef: 'user:default/jane' },
        jane,
      );
      expect([byGroup.ownerRef, byUser.ownerRef]).toEqual([
        'group:default/payments',
        'user:default/jane',
      ]);
    });

    it('refuses an owner not in the catalog, naming the field and the ref, and adds nothing', async () => {
      const id = await newIncident('owner missing');
      for (const [ownerRef, message] of [
        [
          'user:default/nobody',
          'ownerRef: user:default/nobody is not in the catalog',
        ],
        // In sam's catalog, not in jane's.
        [
          'ops',
          'ownerRef: neither group:default/ops nor user:default/ops is in the catalog',
        ],
      ]) {
        await expect(
          janes.addActionItem(id, { title: 'Add a canary', ownerRef }, jane),
        ).rejects.toMatchObject({ name: 'InputError', message });
      }
      await expect(
        janes.addActionItem(
          id,
          { title: 'Add a canary', ownerRef: 'component:default/checkout' },
          jane,
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message:
          'ownerRef must name a user or a group, not component:default/checkout',
      });
      expect((await store.getIncident(id))?.actionItems).toEqual([]);
    });

    it('takes a bare name for the user of that name when there is no such group', async () => {
      const id = await newIncident('owner a person');
      const item = await janes.addActionItem(
        id,
        { title: 'Write the review', ownerRef: 'noah.davis' },
        jane,
      );
      expect(item.ownerRef).toBe('user:default/noah.davis');
      const read = await store.getIncident(id);
      expect(read?.actionItems).toEqual([item]);
      expect(read?.timeline?.at(-1)?.message).toBe(
        'Action item "Write the review" added for user:default/noah.davis',
      );

      const other = await janes.addActionItem(
        id,
        { title: 'Add a canary', ownerRef: 'payments' },
        jane,
      );
      const moved = await janes.updateActionItem(
        id,
        other.id,
        { ownerRef: 'default/Noah.Davis' },
        jane,
      );
      expect(moved.ownerRef).toBe('user:default/noah.davis');
    });

    it('answers a change of an item that does not exist with its 404, before any owner check', async () => {
      const id = await newIncident('no such item');
      const missing = '6f1c2b9e-1d2a-4c55-9f0e-0a6a4d1e2f11';
      await expect(
        janes.updateActionItem(
          id,
          missing,
          { ownerRef: 'user:default/nobody' },
          jane,
        ),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        message: `Incident ${id} has no action item with id ${missing}`,
      });
    });

    it('refuses to keep an owner the caller cannot see when someone changed the owner meanwhile', async () => {
      const id = await newIncident('owner raced');
      const item = await sams.addActionItem(
        id,
        { title: 'Add a canary', ownerRef: 'group:default/ops' },
        sam,
      );
      // Jane read the item owned by ops and sends it back; before her write, sam hands the item
      // to payments. Ops would now be a new owner, unchecked: a 409, and nothing changes.
      duringCheck = () =>
        sams.updateActionItem(id, item.id, { ownerRef: 'payments' }, sam);
      await expect(
        racyJanes.updateActionItem(
          id,
          item.id,
          { status: 'done', ownerRef: 'ops' },
          jane,
        ),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: `The owner of action item ${item.id} changed since you read it; read it again and retry`,
      });
      expect((await store.getIncident(id))?.actionItems).toEqual([
        expect.objectContaining({
          ownerRef: 'group:default/payments',
          status: 'open',
        }),
      ]);
    });

    it('checks a new owner on a change, and keeps one already set that the caller cannot see', async () => {
      const id = await newIncident('owner kept');
      const item = await sams.addActionItem(
        id,
        { title: 'Add a canary', ownerRef: 'group:default/ops' },
        sam,
      );

      // jane closes it, the body repeating the owner she cannot see: the owner is not new.
      const done = await janes.updateActionItem(
        id,
        item.id,
        { status: 'done', ownerRef: 'ops' },
        jane,
      );
      expect(done).toMatchObject({
        status: 'done',
        ownerRef: 'group:default/ops',
      });

      await expect(
        janes.updateActionItem(
          id,
          item.id,
          { status: 'open', ownerRef: 'user:default/nobody' },
          jane,
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: 'ownerRef: user:default/nobody is not in the catalog',
      });
      expect((await store.getIncident(id))?.actionItems).toEqual([done]);

      const moved = await janes.updateActionItem(
        id,
        item.id,
        { ownerRef: 'payments' },
        jane,
      );
      expect(moved.ownerRef).toBe('group:default/payments');
    });
  },
);
