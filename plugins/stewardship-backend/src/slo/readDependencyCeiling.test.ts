/*
 * The dependency ceiling read from a catalog (with per-caller visibility, like the real catalog's
 * permission filtering) and SLOs stored on every test database. Expected ceilings are multiplied
 * out by hand in each test.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  Entity,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { SloSpec } from '@stewardship/backstage-plugin-stewardship-common';
import { component } from '../__testUtils__/entities';
import { countingCatalog } from '../__testUtils__/countingCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { StewardshipDatabase } from '../database/StewardshipDatabase';
import { readDependencyCeiling } from './readDependencyCeiling';

const databases = createTestDatabases();

function dependingOn(entity: Entity, targets: string[]): Entity {
  return {
    ...entity,
    relations: targets.map(targetRef => ({
      type: RELATION_DEPENDS_ON,
      targetRef,
    })),
  };
}

const ratioSlo = (
  entityRef: string,
  name: string,
  objective: number,
): SloSpec => ({
  entityRef,
  name,
  sli: { type: 'ratio', good: 'good{job="x"}', total: 'total{job="x"}' },
  objective,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prometheus',
  alertPolicies: [],
  labels: {},
});

const latencySlo = (entityRef: string, objective: number): SloSpec => ({
  ...ratioSlo(entityRef, 'latency', objective),
  sli: {
    type: 'latency',
    thresholdSeconds: 0.3,
    good: 'bucket{le="0.3"}',
    total: 'count',
  },
});

const storefront = dependingOn(component('storefront'), [
  'component:default/checkout',
  'component:default/search',
  'component:default/recommendations',
  'resource:default/cdn',
  'component:default/secret-vault',
]);
const entities: Entity[] = [
  storefront,
  component('checkout'),
  component('search'),
  component('recommendations'),
  {
    ...component('cdn'),
    kind: 'Resource',
    metadata: { name: 'cdn', namespace: 'default', title: 'CDN' },
  },
  component('secret-vault'),
  component('lonely'),
  // One dependency: its objective is the ceiling exactly (a product of one factor, no rounding).
  dependingOn(component('gateway'), ['component:default/search']),
  // Dependencies, none with an availability SLO: no known factor, so no ceiling (not 100 %).
  dependingOn(component('unmeasured'), [
    'component:default/recommendations',
    'resource:default/cdn',
  ]),
  // Other relations are not dependencies: only dependsOn search counts.
  {
    ...component('wired'),
    relations: [
      { type: RELATION_OWNED_BY, targetRef: 'group:default/payments' },
      { type: RELATION_PART_OF, targetRef: 'component:default/checkout' },
      { type: RELATION_DEPENDS_ON, targetRef: 'component:default/search' },
    ],
  },
];

describe.each(databases.eachSupportedId())('dependency ceiling on %p', id => {
  let db: StewardshipDatabase;
  const alice = mockCredentials.user('user:default/alice');
  // Like a catalog permission rule: only admins may read the vault.
  const { catalog } = countingCatalog(
    entities,
    (entity, credentials) =>
      entity.metadata.name !== 'secret-vault' ||
      (credentials.principal as { userEntityRef?: string }).userEntityRef ===
        'user:default/admin',
  );

  beforeAll(async () => {
    db = await StewardshipDatabase.forTest(await databases.init(id));
    await db.slos.createSlos(
      [
        ratioSlo('component:default/storefront', 'availability', 0.995),
        ratioSlo('component:default/storefront', 'checkout-flow', 0.9999),
        latencySlo('component:default/storefront', 0.99),
        // checkout promises 99.9 % and 99.5 %: the weaker one counts.
        ratioSlo('component:default/checkout', 'api', 0.999),
        ratioSlo('component:default/checkout', 'batch', 0.995),
        ratioSlo('component:default/search', 'availability', 0.9995),
        // recommendations only promises speed: unknown availability.
        latencySlo('component:default/recommendations', 0.95),
        ratioSlo('component:default/secret-vault', 'availability', 0.9),
        // Below, exactly at and above gateway's ceiling of 0.9995 (search's promise).
        ratioSlo('component:default/gateway', 'below', 0.999),
        ratioSlo('component:default/gateway', 'at-ceiling', 0.9995),
        ratioSlo('component:default/gateway', 'above', 0.9999),
        ratioSlo('component:default/unmeasured', 'availability', 0.999),
      ],
      'test',
    );
  }, 60_000);

  const read = (ref: string, credentials = alice) =>
    readDependencyCeiling({ catalog, store: db.slos }, ref, credentials);

  it('multiplies the weakest availability objective of each known dependency', async () => {
    const result = await read('component:default/storefront');
    // 0.995 (checkout's weaker promise) × 0.9995 (search) = 0.9945025
    expect(result.ceiling).toBeCloseTo(0.9945025, 12);
    expect(result.dependencies).toEqual([
      {
        entityRef: 'component:default/checkout',
        slo: { id: expect.any(String), name: 'batch', objective: 0.995 },
      },
      { entityRef: 'component:default/recommendations', unknown: 'no-slo' },
      {
        entityRef: 'component:default/search',
        slo: {
          id: expect.any(String),
          name: 'availability',
          objective: 0.9995,
        },
      },
      { entityRef: 'component:default/secret-vault', unknown: 'not-visible' },
      { entityRef: 'resource:default/cdn', title: 'CDN', unknown: 'no-slo' },
    ]);
    // Own availability objectives only (not the latency one); 0.9999 > 0.9945025 > 0.995.
    expect(
      result.objectives.map(({ name, objective, aboveCeiling }) => ({
        name,
        objective,
        aboveCeiling,
      })),
    ).toEqual([
      { name: 'availability', objective: 0.995, aboveCeiling: true },
      { name: 'checkout-flow', objective: 0.9999, aboveCeiling: true },
    ]);
  });

  it('warns only of an objective strictly above the ceiling, not one below or exactly at it', async () => {
    const result = await read('component:default/gateway');
    // One dependency: the ceiling is search's 0.9995 itself, exactly.
    expect(result.ceiling).toBe(0.9995);
    expect(
      result.objectives
        .map(({ name, objective, aboveCeiling }) => ({
          name,
          objective,
          aboveCeiling,
        }))
        .sort((a, b) => a.objective - b.objective),
    ).toEqual([
      { name: 'below', objective: 0.999, aboveCeiling: false },
      { name: 'at-ceiling', objective: 0.9995, aboveCeiling: false },
      { name: 'above', objective: 0.9999, aboveCeiling: true },
    ]);
  });

  it('has no ceiling when no dependency has an availability SLO, and warns of nothing', async () => {
    const result = await read('component:default/unmeasured');
    expect(result.ceiling).toBeUndefined();
    expect(result.dependencies).toEqual([
      { entityRef: 'component:default/recommendations', unknown: 'no-slo' },
      { entityRef: 'resource:default/cdn', title: 'CDN', unknown: 'no-slo' },
    ]);
    expect(result.objectives).toEqual([
      expect.objectContaining({ objective: 0.999, aboveCeiling: false }),
    ]);
  });

  it('reads only dependsOn relations as dependencies', async () => {
    // ownedBy payments and partOf checkout are not dependencies: the ceiling is search's
    // 0.9995 alone, not 0.9995 × checkout's 0.995.
    const result = await read('component:default/wired');
    expect(result.dependencies.map(d => d.entityRef)).toEqual([
      'component:default/search',
    ]);
    expect(result.ceiling).toBe(0.9995);
  });

  it('counts what a caller may read only', async () => {
    const admin = mockCredentials.user('user:default/admin');
    const result = await read('component:default/storefront', admin);
    // 0.995 × 0.9995 × 0.9 (the vault, visible to admins) = 0.89505225
    expect(result.ceiling).toBeCloseTo(0.89505225, 12);
    expect(
      result.dependencies.find(d => d.entityRef.endsWith('secret-vault'))?.slo
        ?.objective,
    ).toBe(0.9);
  });

  it('has no ceiling without dependencies, and 404s for an unknown entity', async () => {
    const result = await read('component:default/lonely');
    expect(result).toEqual({
      entityRef: 'component:default/lonely',
      dependencies: [],
      objectives: [],
    });
    await expect(read('component:default/nope')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // Hidden entities are as absent as unknown ones.
    await expect(read('component:default/secret-vault')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
