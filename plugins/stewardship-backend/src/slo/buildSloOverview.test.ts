import { Entity } from '@backstage/catalog-model';
import {
  SloDefinition,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { buildSloOverview } from './buildSloOverview';

const AT = new Date('2026-11-30T12:00:00.000Z');
const STALENESS_MS = 600_000;

function entity(
  kind: string,
  namespace: string,
  name: string,
  spec: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace },
    spec,
  };
}

function slo(entityRef: string, name: string, version = 1): SloDefinition {
  return {
    id: `${entityRef}/${name}`,
    version,
    createdAt: AT.toISOString(),
    updatedAt: AT.toISOString(),
    entityRef,
    name,
    sli: { type: 'ratio', good: 'ok', total: 'all' },
    objective: 0.99,
    timeWindow: { type: 'rolling', duration: '28d' },
    budgetingMethod: 'occurrences',
    metricSource: 'prom',
    alertPolicies: [],
    labels: {},
  };
}

function snapshot(
  of: SloDefinition,
  fields: Partial<SloEvaluation> & Pick<SloEvaluation, 'status'>,
): SloEvaluation {
  return {
    sloId: of.id,
    sloVersion: of.version,
    entityRef: of.entityRef,
    at: AT.toISOString(),
    evaluatedAt: AT.toISOString(),
    window: { start: AT.toISOString(), end: AT.toISOString() },
    objective: of.objective,
    burnRates: [],
    alerts: [],
    explanation: { queries: [], formulas: [] },
    ...fields,
  };
}

describe('buildSloOverview', () => {
  // Mixed case and a namespace other than default, as the catalog may hold them.
  const checkout = entity('Component', 'ops', 'Checkout', {
    owner: 'Team-X',
    system: 'shop',
  });
  const db = entity('Resource', 'ops', 'db', { owner: 'team-x' });
  const search = entity('API', 'ops', 'search', { owner: 'user:jane' });
  const current = slo('component:ops/checkout', 'availability', 3);
  const edited = slo('component:ops/checkout', 'latency', 2);
  const onResource = slo('resource:ops/db', 'uptime');
  const hidden = slo('component:default/hidden', 'availability');

  const overview = (status?: 'healthy' | 'stale') =>
    buildSloOverview({
      entities: [checkout, db, search],
      slos: [current, edited, onResource, hidden],
      snapshots: new Map([
        [current.id, snapshot(current, { status: 'healthy' })],
        // Evaluated for version 1; the SLO is at version 2 now.
        [edited.id, snapshot({ ...edited, version: 1 }, { status: 'healthy' })],
        [
          onResource.id,
          snapshot(onResource, {
            status: 'no-data',
            noDataReason: 'source-error',
            reason: 'HTTP 500',
          }),
        ],
      ]),
      filter: status ? { status } : {},
      at: AT,
      stalenessMs: STALENESS_MS,
    });

  it.each([
    ['source-error', true],
    ['unknown-source', true],
    ['no-series', true],
    // Slices no longer than the scrape interval: the SLO must be changed to judge anything.
    ['slices-too-short', true],
    ['no-traffic', false],
    ['too-few-events', false],
    ['excluded', false],
  ] as const)('counts no-data for %s as a broken SLI: %s', (reason, broken) => {
    const { items } = buildSloOverview({
      entities: [checkout],
      slos: [current],
      snapshots: new Map([
        [
          current.id,
          snapshot(current, { status: 'no-data', noDataReason: reason }),
        ],
      ]),
      filter: {},
      at: AT,
      stalenessMs: STALENESS_MS,
    });
    expect(items[0].brokenSli).toBe(broken);
  });

  it('reads short refs in the entity namespace and matches SLOs case-insensitively', () => {
    const { items } = overview();
    expect(items.find(i => i.sloId === current.id)).toMatchObject({
      owner: 'group:ops/team-x',
      system: 'system:ops/shop',
      stale: false,
    });
  });

  it('counts a snapshot of an earlier version as stale, as the SLO tab does', () => {
    expect(overview().items.find(i => i.sloId === edited.id)).toMatchObject({
      status: 'healthy',
      stale: true,
    });
    expect(overview('stale').items.map(i => i.sloId)).toEqual([edited.id]);
    expect(overview('healthy').items.map(i => i.sloId)).toEqual([
      current.id,
      edited.id,
    ]);
  });

  it('lists an SLO of an out-of-scope kind but counts only components, APIs and systems', () => {
    const result = overview();
    // Visible SLOs only: the hidden component's SLO is not there.
    expect(result.items.map(i => i.sloId)).toEqual([
      current.id,
      edited.id,
      onResource.id,
    ]);
    expect(result.coverage).toEqual({
      entitiesInScope: 2, // checkout and search; db is a resource
      entitiesWithSlo: 1,
      entitiesWithoutSlo: [
        { entityRef: 'api:ops/search', owner: 'user:ops/jane' },
      ],
      brokenSlis: 1, // the resource's source-error
      staleEvaluations: 1,
      slos: 3,
    });
    expect(result.facets).toEqual({
      owners: ['group:ops/team-x', 'user:ops/jane'],
      systems: ['system:ops/shop'],
    });
  });

  it('counts the coverage over every visible SLO, whatever the status filter lists', () => {
    // The status filter narrows the list only: filtered to healthy (current and edited), the
    // coverage still counts the 3 SLOs, the resource's broken SLI and the edited one's stale
    // snapshot.
    const result = overview('healthy');
    expect(result.items).toHaveLength(2);
    expect(result.coverage).toMatchObject({
      brokenSlis: 1,
      staleEvaluations: 1,
      slos: 3,
    });
  });

  it('says how old the catalog read is in whole seconds, never negative', () => {
    const ageOf = (catalogReadAt: Date) =>
      buildSloOverview({
        entities: [],
        slos: [],
        snapshots: new Map(),
        filter: {},
        at: AT,
        stalenessMs: STALENESS_MS,
        catalogReadAt,
      }).catalogAgeSeconds;
    // Read 61.5 s before now: 61 whole seconds.
    expect(ageOf(new Date(AT.getTime() - 61_500))).toBe(61);
    // Stamped 3 s after now (a replica's clock ahead): max(0, −3) = 0.
    expect(ageOf(new Date(AT.getTime() + 3_000))).toBe(0);
  });
});

describe('buildSloOverview: why an SLO is stale', () => {
  const MINUTE = 60_000;
  const component = entity('Component', 'default', 'cart');
  const ref = 'component:default/cart';
  const minutesBefore = (minutes: number) =>
    new Date(AT.getTime() - minutes * MINUTE).toISOString();
  // Each SLO is at version 2; its snapshot, when it has one, is of `version`, `age` minutes old.
  const cases: Array<{ name: string; version?: number; age?: number }> = [
    { name: 'never' },
    { name: 'fresh', version: 2, age: 1 },
    // 10 minutes is the staleness limit itself: only older is stale.
    { name: 'at-the-limit', version: 2, age: 10 },
    { name: 'old', version: 2, age: 11 },
    // Evaluated a minute ago, of the version before an edit.
    { name: 'edited', version: 1, age: 1 },
    // Both: the edit is said, the moment shows the age.
    { name: 'edited-and-old', version: 1, age: 60 },
  ];
  const slos = cases.map(c => slo(ref, c.name, 2));
  const snapshots = new Map(
    cases.flatMap((c, i) =>
      c.version === undefined
        ? []
        : [
            [
              slos[i].id,
              snapshot(
                { ...slos[i], version: c.version },
                { status: 'healthy', at: minutesBefore(c.age!) },
              ),
            ] as const,
          ],
    ),
  );
  const build = (versionAt?: (s: SloDefinition) => number) =>
    buildSloOverview({
      entities: [component],
      slos,
      snapshots,
      versionAt,
      filter: {},
      at: AT,
      stalenessMs: STALENESS_MS,
    }).items.map(item => [item.name, item.stale, item.staleReason]);

  it('holds, as the overview of now, until the first current SLO grows stale, whatever the status filter', () => {
    const validUntil = (options: {
      live?: boolean;
      status?: 'stale';
      of?: SloDefinition[];
    }) =>
      buildSloOverview({
        entities: [component],
        slos: options.of ?? slos,
        snapshots,
        filter: options.status ? { status: options.status } : {},
        at: AT,
        stalenessMs: STALENESS_MS,
        live: options.live,
      }).validUntil;
    // Current: "fresh" (1 minute old, stale from 9 minutes on) and "at-the-limit" (as old as the
    // limit, stale one millisecond on). The stale ones, and the one never evaluated, change no more.
    expect(validUntil({ live: true })).toBe(
      new Date(AT.getTime() + 1).toISOString(),
    );
    // Listing only the stale ones: "at-the-limit" still counts in the coverage.
    expect(validUntil({ live: true, status: 'stale' })).toBe(
      new Date(AT.getTime() + 1).toISOString(),
    );
    // As of a past moment: never changes.
    expect(validUntil({})).toBeUndefined();
    // With only "fresh" current: 1 minute old, so 9 minutes and a millisecond on.
    expect(
      validUntil({
        live: true,
        of: slos.filter(s => s.name !== 'at-the-limit'),
      }),
    ).toBe(new Date(AT.getTime() + 9 * MINUTE + 1).toISOString());
  });

  it('gives the reason of every stale SLO, and none for a fresh one', () => {
    expect(build()).toEqual([
      ['never', true, 'never-evaluated'],
      ['fresh', false, undefined],
      ['at-the-limit', false, undefined],
      ['old', true, 'too-old'],
      ['edited', true, 'earlier-version'],
      ['edited-and-old', true, 'earlier-version'],
    ]);
  });

  it('compares with the version the SLO had at the moment shown, not today', () => {
    // As of AT the SLOs were at version 1: the edit came later, so it is no reason.
    expect(build(() => 1)).toEqual([
      ['never', true, 'never-evaluated'],
      ['fresh', false, undefined],
      ['at-the-limit', false, undefined],
      ['old', true, 'too-old'],
      ['edited', false, undefined],
      ['edited-and-old', true, 'too-old'],
    ]);
  });

  it('leaves the field out of an SLO that is not stale', () => {
    const items = buildSloOverview({
      entities: [component],
      slos,
      snapshots,
      filter: {},
      at: AT,
      stalenessMs: STALENESS_MS,
    }).items;
    expect(items.find(item => item.name === 'fresh')).not.toHaveProperty(
      'staleReason',
    );
  });
});
