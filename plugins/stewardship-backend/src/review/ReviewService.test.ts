/*
 * The review of a group that owns entities of kinds that cannot have SLOs, over the real store
 * on every test database, under a policy that blocks an entity without SLOs: such a kind's row is
 * `not-applicable` with no gate, and the summary counts it apart (figures worked out by hand);
 * the answer matches openapi.yaml.
 */
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_ERROR_BUDGET_POLICY } from '@stewardship/backstage-plugin-stewardship-common';
import { storedEvaluation } from '../__testUtils__/evaluations';
import { ratioSloSpec } from '../__testUtils__/sloSpecs';
import { loadOpenApiValidator } from '../__testUtils__/openApiValidator';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from '../database/StewardshipDatabase';
import { CatalogVisibility } from '../lib/CatalogVisibility';
import { ReviewService } from './ReviewService';

const databases = createTestDatabases();
const openApi = loadOpenApiValidator();
const MINUTE = 60_000;
const DAY = 86_400_000;

/** An entity of `kind` owned by team-a, with the relation the catalog would have made. */
const owned = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-a' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
});

describe.each(databases.eachSupportedId())(
  'the review of kinds without SLOs on %p',
  databaseId => {
    const to = Math.floor((Date.now() - MINUTE) / MINUTE) * MINUTE;
    const from = to - 10 * DAY;
    let service: ReviewService;

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const db = await StewardshipDatabase.forTest(knex);
      const [cart] = await db.slos.createSlos(
        [ratioSloSpec('component:default/cart', 'availability')],
        'test',
      );
      // An SLO on a resource (the API accepts one on any entity): reviewed as any other.
      const [queue] = await db.slos.createSlos(
        [ratioSloSpec('resource:default/queue', 'depth')],
        'test',
      );
      await db.slos.saveSnapshots([
        storedEvaluation(cart, to - MINUTE, { remaining: 0.5 }),
        storedEvaluation(queue, to - MINUTE, {
          status: 'exhausted',
          remaining: -0.25,
        }),
      ]);
      // The tracker was down when web's Backlog tab was opened: a failed read, no figures.
      await db.backlogFigures.saveBacklogReadFailure('component:default/web', {
        at: new Date(to - 2 * MINUTE).toISOString(),
        providers: [{ provider: 'jira', title: 'Jira', kind: 'unreachable' }],
      });
      service = new ReviewService({
        catalog: catalogServiceMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'team-a', namespace: 'default' },
              spec: { type: 'team', children: [] },
            },
            owned('Domain', 'commerce'),
            owned('Resource', 'bucket'),
            owned('Resource', 'queue'),
            owned('Component', 'cart'),
            owned('Component', 'web'),
          ],
        }),
        visibility: {
          readableRefs: async (refs: readonly string[]) => new Set(refs),
        } as unknown as CatalogVisibility,
        slos: db.slos,
        incidents: db.incidents,
        backlog: db.backlogFigures,
        ownership: { catalogEvaluations: async () => [] },
        releaseGate: {
          policy: { ...DEFAULT_ERROR_BUDGET_POLICY, noSlos: 'block' },
        },
        stalenessMs: 60 * MINUTE,
      });
    }, 60_000);

    it('makes the rows of kinds that cannot have SLOs not applicable, without a gate, and counts them apart', async () => {
      const review = await service.review(
        {
          scope: 'group:default/team-a',
          from: new Date(from),
          to: new Date(to),
        },
        mockCredentials.user(),
      );
      // As the route answers it: a row without a gate and the summary's count match the spec.
      openApi.assertMatches(
        'PlanningReview',
        JSON.parse(JSON.stringify(review)),
      );
      expect(
        review.rows.map(row => [
          row.entityRef,
          row.objectives,
          row.releaseGate,
        ]),
      ).toEqual([
        // 50 % of its budget left at the end: met, allow.
        ['component:default/cart', 'met', 'allow'],
        // A component without SLOs: a gap, and the policy's noSlos decision.
        ['component:default/web', 'no-slos', 'block'],
        ['domain:default/commerce', 'not-applicable', undefined],
        ['resource:default/bucket', 'not-applicable', undefined],
        // Exhausted at the end: missed, block.
        ['resource:default/queue', 'missed', 'block'],
      ]);
      const domain = review.rows[2];
      expect(Object.keys(domain)).not.toContain('releaseGate');
      expect(review.summary).toMatchObject({
        entities: 5,
        met: 1,
        missed: 1,
        noData: 0,
        noSlos: 1,
        notApplicable: 2,
        releaseGate: { allow: 1, warn: 0, block: 2 },
      });
    });

    it("says an entity's last backlog read failed (when, which tracker, what kind), not that it was never read", async () => {
      const review = await service.review(
        {
          scope: 'group:default/team-a',
          from: new Date(from),
          to: new Date(to),
        },
        mockCredentials.user(),
      );
      openApi.assertMatches(
        'PlanningReview',
        JSON.parse(JSON.stringify(review)),
      );
      const backlogOf = (ref: string) =>
        review.rows.find(row => row.entityRef === ref)!.backlog;
      expect(backlogOf('component:default/web')).toEqual({
        status: 'not-read-yet',
        lastReadFailed: {
          at: new Date(to - 2 * MINUTE).toISOString(),
          providers: [{ provider: 'jira', title: 'Jira', kind: 'unreachable' }],
        },
      });
      // Never read, never failed.
      expect(backlogOf('component:default/cart')).toEqual({
        status: 'not-read-yet',
      });
    });
  },
);
