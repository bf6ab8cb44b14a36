/*
 * An incident's affected entities are in the catalog as the caller sees it, but only the ones a
 * change adds are checked: an entity already listed stays, whether its recorder saw what this
 * caller cannot or it has left the catalog since, so an owner can still resolve the incident.
 * Here the admin's catalog has component:default/secret and jane's has not, as a policy hiding it
 * from her would. On every test database.
 */
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogAccess } from '../__testUtils__/catalogReadPolicy';
import { component } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { EntityPermissions } from '../lib/EntityPermissions';
import { IncidentService } from './IncidentService';

const databases = createTestDatabases();

const admin = mockCredentials.user('user:default/admin');
const jane = mockCredentials.user('user:default/jane');

describe.each(databases.eachSupportedId())(
  'Affected entities a caller cannot see, on %p',
  databaseId => {
    let store: DatabaseIncidentStore;
    let admins: IncidentService;
    let janes: IncidentService;
    /** The admin after component:default/retired left the catalog. */
    let laterAdmins: IncidentService;

    beforeAll(async () => {
      store = await DatabaseIncidentStore.forTest(
        await databases.init(databaseId as TestDatabaseId),
      );
      const service = (entities: Entity[]) =>
        new IncidentService({
          store,
          slos: { getSlo: async () => undefined },
          ...catalogAccess(catalogServiceMock({ entities })),
          permissions: new EntityPermissions(mockServices.permissions()),
        });
      const seenByJane = [component('checkout'), component('cart')];
      janes = service(seenByJane);
      laterAdmins = service([...seenByJane, component('secret')]);
      admins = service([
        ...seenByJane,
        component('secret'),
        component('vault'),
        component('retired'),
      ]);
    }, 60_000);

    const recorded = async (affectedEntityRefs: string[]) =>
      admins.create(
        {
          entityRef: 'checkout',
          affectedEntityRefs,
          title: 'checkout down',
          severity: 'SEV3',
        },
        admin,
      );

    it('lets an owner change an incident naming an entity they cannot see, which stays listed', async () => {
      const incident = await recorded(['secret']);
      const resolved = await janes.update(
        incident.id,
        { version: 1, status: 'resolved' },
        jane,
      );
      expect(resolved).toMatchObject({
        version: 2,
        status: 'resolved',
        affectedEntityRefs: ['component:default/secret'],
      });

      // The list sent back as read (in any case), with an entity she can see added.
      const added = await janes.update(
        incident.id,
        {
          version: 2,
          affectedEntityRefs: ['Component:Default/Secret', 'cart'],
        },
        jane,
      );
      expect(added).toMatchObject({
        version: 3,
        affectedEntityRefs: [
          'component:default/secret',
          'component:default/cart',
        ],
      });
    });

    it('refuses an added entity the caller cannot see, naming its place in the list, and changes nothing', async () => {
      const incident = await recorded(['secret']);
      await expect(
        janes.update(
          incident.id,
          {
            version: 1,
            status: 'resolved',
            affectedEntityRefs: ['secret', 'vault'],
          },
          jane,
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message:
          'affectedEntityRefs/1: component:default/vault is not in the catalog',
      });
      expect(await store.getIncident(incident.id)).toMatchObject({
        version: 1,
        status: 'triggered',
        affectedEntityRefs: ['component:default/secret'],
      });
    });

    it('compares a stored ref with the one sent back whatever the case of either', async () => {
      // A row written by hand, not normalised: the ref sent back (normalised) still names it.
      const incident = await store.createIncident(
        {
          entityRef: 'component:default/checkout',
          affectedEntityRefs: ['Component:default/Secret'],
          title: 'checkout down',
          severity: 'SEV3',
          status: 'triggered',
          statusChangedAt: '2026-06-01T00:00:00.000Z',
          detectedAt: '2026-06-01T00:00:00.000Z',
          affectedSloIds: [],
          fireDrill: false,
          source: 'manual',
        },
        'user:default/admin',
      );
      expect(
        await janes.update(
          incident.id,
          {
            version: 1,
            status: 'resolved',
            affectedEntityRefs: ['component:default/secret'],
          },
          jane,
        ),
      ).toMatchObject({ version: 2, status: 'resolved' });
    });

    it('lets anyone change an incident naming an entity that has left the catalog', async () => {
      const incident = await recorded(['secret', 'retired']);
      expect(
        await laterAdmins.update(
          incident.id,
          { version: 1, status: 'resolved', title: 'checkout was down' },
          admin,
        ),
      ).toMatchObject({
        version: 2,
        status: 'resolved',
        title: 'checkout was down',
        affectedEntityRefs: [
          'component:default/secret',
          'component:default/retired',
        ],
      });
      // Added again once removed, it is checked again.
      await laterAdmins.update(
        incident.id,
        { version: 2, affectedEntityRefs: ['secret'] },
        admin,
      );
      await expect(
        laterAdmins.update(
          incident.id,
          { version: 3, affectedEntityRefs: ['secret', 'retired'] },
          admin,
        ),
      ).rejects.toMatchObject({
        name: 'InputError',
        message:
          'affectedEntityRefs/1: component:default/retired is not in the catalog',
      });
    });
  },
);
