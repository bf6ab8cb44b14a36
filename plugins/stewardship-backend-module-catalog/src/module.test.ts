/*
 * The module in a real catalog: @backstage/plugin-catalog-backend reads a YAML file location,
 * runs this processor, stitches, and answers the catalog API. Run on SQLite always and on
 * PostgreSQL when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING names a server.
 */
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
  TestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AlphaEntity as Entity } from '@backstage/catalog-model/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModule from './index';

const POSTGRES_VARIABLE =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';
if (process.env.CI && !process.env[POSTGRES_VARIABLE]) {
  throw new Error(
    `CI=true but ${POSTGRES_VARIABLE} is not set: the PostgreSQL run must not be skipped silently`,
  );
}
const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'SQLITE_3'],
  disableDocker: true,
});

// Owners spelled as people write them; the relations must still reach the lower-case entities.
const ENTITIES = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations:
    stewardship.io/business-owner: User:Default/Jane
    stewardship.io/product-owner: group:Payments
    stewardship.io/engineering-owner: user:default/jane, group:default/payments
spec:
  type: service
  lifecycle: production
  owner: group:default/platform
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  annotations:
    stewardship.io/business-owner: jane
    stewardship.io/engineering-owner: user:default/jane
spec:
  type: service
  lifecycle: production
  owner: group:default/platform
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: unowned
spec:
  type: service
  lifecycle: production
  owner: group:default/platform
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: handover
  annotations:
    stewardship.io/product-owner: user:default/bob
spec:
  type: service
  lifecycle: production
  owner: group:default/platform
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: jane
spec:
  memberOf: [payments]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: platform
spec:
  type: team
  children: []
`;

const TIMEOUT_MS = 60_000;

describe.each(databases.eachSupportedId())(
  'the catalog with this module on %s',
  databaseId => {
    const directory = createMockDirectory();
    let backend: TestBackend;
    let baseUrl: string;

    async function getJson(path: string) {
      const response = await fetch(`${baseUrl}${path}`);
      expect(response.status).toBe(200);
      return response.json();
    }

    async function byQuery(filter: string): Promise<Entity[]> {
      const body = await getJson(
        `/api/catalog/entities/by-query?filter=${encodeURIComponent(filter)}`,
      );
      return body.items;
    }

    /** Polls until `check` passes: the catalog processes and stitches in the background. */
    async function eventually(check: () => Promise<void>) {
      const deadline = Date.now() + TIMEOUT_MS - 5_000;
      for (;;) {
        try {
          await check();
          return;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await new Promise(resolve => setTimeout(resolve, 250));
        }
      }
    }

    beforeAll(async () => {
      directory.setContent({ 'entities.yaml': ENTITIES });
      const knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          catalogPlugin,
          catalogModule,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [{ allow: ['Component', 'User', 'Group', 'Location'] }],
                locations: [
                  {
                    type: 'file',
                    target: directory.resolve('entities.yaml'),
                  },
                ],
                processingInterval: { seconds: 1 },
                stitchingStrategy: { mode: 'immediate' },
              },
            },
          }),
        ],
      });
      baseUrl = `http://localhost:${backend.server.port()}`;
      // Wait until the last relation this test looks for is stitched on both ends.
      await eventually(async () => {
        for (const filter of [
          'relations.engineeringownerof=component:default/ledger',
          'relations.productownedby=group:default/payments',
          'relations.productownedby=user:default/bob',
        ]) {
          if ((await byQuery(filter)).length !== 1) {
            throw new Error(`Not stitched yet: ${filter}`);
          }
        }
      });
    }, TIMEOUT_MS);

    afterAll(async () => {
      await backend?.stop();
    });

    it('answers relations.businessownedby with the entity whose annotation names the user', async () => {
      const found = await byQuery(
        'relations.businessownedby=user:default/jane',
      );
      expect(found.map(e => e.metadata.name)).toEqual(['checkout']);
      const checkout = found[0];
      expect(checkout.relations).toEqual(
        expect.arrayContaining([
          { type: 'businessOwnedBy', targetRef: 'user:default/jane' },
          { type: 'productOwnedBy', targetRef: 'group:default/payments' },
        ]),
      );
      // The list in the engineering annotation is invalid: no relation for it, and no
      // processing error on the entity either.
      expect(
        checkout.relations?.filter(r => r.type === 'engineeringOwnedBy'),
      ).toEqual([]);
      expect(checkout.status?.items ?? []).toEqual([]);
      // spec.owner alone makes ownedBy.
      expect(
        checkout.relations
          ?.filter(r => r.type === 'ownedBy')
          .map(r => r.targetRef),
      ).toEqual(['group:default/platform']);
    });

    it('puts the reverse relations on the owners', async () => {
      const jane: Entity = await getJson(
        '/api/catalog/entities/by-name/user/default/jane',
      );
      const reverse = (jane.relations ?? [])
        .filter(r => r.type.endsWith('OwnerOf'))
        .map(r => `${r.type} ${r.targetRef}`)
        .sort();
      expect(reverse).toEqual([
        'businessOwnerOf component:default/checkout',
        'engineeringOwnerOf component:default/ledger',
      ]);
      expect((jane.relations ?? []).filter(r => r.type === 'ownerOf')).toEqual(
        [],
      );

      const payments: Entity = await getJson(
        '/api/catalog/entities/by-name/group/default/payments',
      );
      expect(
        (payments.relations ?? []).filter(r => r.type === 'productOwnerOf'),
      ).toEqual([
        { type: 'productOwnerOf', targetRef: 'component:default/checkout' },
      ]);
    });

    it('leaves an invalid value without relation or error, and other roles intact', async () => {
      const ledger: Entity = await getJson(
        '/api/catalog/entities/by-name/component/default/ledger',
      );
      expect(
        (ledger.relations ?? [])
          .filter(r => r.type.endsWith('OwnedBy'))
          .map(r => `${r.type} ${r.targetRef}`),
      ).toEqual(['engineeringOwnedBy user:default/jane']);
      expect(ledger.status?.items ?? []).toEqual([]);

      const unowned: Entity = await getJson(
        '/api/catalog/entities/by-name/component/default/unowned',
      );
      expect(
        (unowned.relations ?? []).map(r => `${r.type} ${r.targetRef}`),
      ).toEqual(['ownedBy group:default/platform']);
    });

    // Last: it adds an entity to the catalog file.
    it(
      'relates a well-formed owner the catalog does not have, which resolves once it is added',
      async () => {
        /** Which of handover's relation targets the catalog has, as its relation warning asks. */
        const targetsFound = async () => {
          const handover: Entity = await getJson(
            '/api/catalog/entities/by-name/component/default/handover',
          );
          const targetRefs = (handover.relations ?? []).map(r => r.targetRef);
          const response = await fetch(
            `${baseUrl}/api/catalog/entities/by-refs`,
            {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({
                entityRefs: targetRefs,
                fields: ['kind'],
              }),
            },
          );
          expect(response.status).toBe(200);
          const { items } = await response.json();
          return {
            handover,
            found: Object.fromEntries(
              targetRefs.map((ref, i) => [ref, items[i] !== null]),
            ),
          };
        };

        // user:default/bob is in no catalog file (`unresolved` on the Ownership tab), yet the
        // relation is there, with no processing error: the catalog's relation warning names it.
        const before = await targetsFound();
        expect(before.handover.relations).toEqual(
          expect.arrayContaining([
            { type: 'productOwnedBy', targetRef: 'user:default/bob' },
          ]),
        );
        expect(before.handover.status?.items ?? []).toEqual([]);
        expect(before.found).toEqual({
          'group:default/platform': true,
          'user:default/bob': false,
        });

        directory.setContent({
          'entities.yaml': `${ENTITIES}---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: bob
spec:
  memberOf: [payments]
`,
        });
        // Once bob is added the same relation resolves, with no change to handover, and bob's
        // page carries the reverse one.
        await eventually(async () => {
          const after = await targetsFound();
          expect(after.found).toEqual({
            'group:default/platform': true,
            'user:default/bob': true,
          });
          const bob: Entity = await getJson(
            '/api/catalog/entities/by-name/user/default/bob',
          );
          expect(
            (bob.relations ?? []).filter(r => r.type === 'productOwnerOf'),
          ).toEqual([
            { type: 'productOwnerOf', targetRef: 'component:default/handover' },
          ]);
        });
      },
      TIMEOUT_MS,
    );
  },
);
