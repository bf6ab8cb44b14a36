/*
 * The built-in SLO provider: which SLOs become backlog items, their order, titles, ages and
 * links. Expected values are written out by hand from the statuses below.
 */
import {
  EntitySlo,
  ReleaseGateLastKnown,
  SloStatus,
} from '@stewardship/backstage-plugin-stewardship-common';
import { apiSloDefinition } from '../__testUtils__/sloSpecs';
import { backlogReadRequest } from '../__testUtils__/backlogReadRequest';
import { SloBacklogProvider, sloTabUrl } from './SloBacklogProvider';

const ENTITY_REF = 'component:default/api';

/** An SLO `name` of the entity whose latest snapshot (at `at`) has `status` and `remaining`. */
function entitySlo(
  name: string,
  status?: SloStatus,
  remaining?: number,
  at = '2026-03-01T12:00:00.000Z',
): EntitySlo {
  const slo = { ...apiSloDefinition('prom'), id: `id-${name}`, name };
  if (!status) return { slo, stale: true };
  return {
    slo,
    stale: false,
    evaluation: {
      sloId: slo.id,
      sloVersion: 1,
      entityRef: ENTITY_REF,
      at,
      evaluatedAt: '2026-03-01T12:00:01.000Z',
      status,
      window: { start: '2026-01-30T12:00:00.000Z', end: at },
      objective: 0.999,
      ...(remaining !== undefined && {
        errorBudget: {
          remaining,
          consumed: 1 - remaining,
          allowedBad: 100,
          bad: 100 * (1 - remaining),
        },
      }),
      burnRates: [],
      alerts: [],
    },
  };
}

const request = (maxItems?: number) => backlogReadRequest(ENTITY_REF, maxItems);

function providerOf(
  statuses: EntitySlo[],
  breachStarts: Record<string, string> = {},
  lastKnown: Record<string, ReleaseGateLastKnown> = {},
) {
  const breachAsked: Array<[string, string]> = [];
  const lastKnownAsked: Array<[string[], string]> = [];
  const provider = new SloBacklogProvider({
    appBaseUrl: 'https://backstage.example.com/',
    slos: {
      entityStatuses: async entityRef =>
        entityRef === ENTITY_REF ? statuses : [],
      breachStartedAt: async (sloId, until) => {
        breachAsked.push([sloId, until.toISOString()]);
        return breachStarts[sloId];
      },
    },
    snapshots: {
      lastKnownStates: async (ids, at) => {
        lastKnownAsked.push([ids, at.toISOString()]);
        return new Map(
          ids.filter(id => lastKnown[id]).map(id => [id, lastKnown[id]]),
        );
      },
    },
  });
  return { provider, breachAsked, lastKnownAsked };
}

describe('SloBacklogProvider', () => {
  const statuses = [
    entitySlo('healthy', 'healthy', 0.9),
    entitySlo('risk-40', 'at-risk', 0.4),
    entitySlo('gone-20', 'exhausted', -0.2),
    entitySlo('no-data', 'no-data'),
    entitySlo('risk-10', 'at-risk', 0.1),
    entitySlo('never'),
    entitySlo('gone-50', 'exhausted', -0.5),
    entitySlo('b-tie', 'at-risk', 0.1),
  ];

  it('lists exhausted SLOs first, then at-risk ones, least budget first, ties by name', async () => {
    const { provider, lastKnownAsked } = providerOf(statuses);
    const { items, truncated } = await provider.readItems(request());
    // The no-data SLO's last known state is asked for (it has none here), nobody else's.
    expect(lastKnownAsked).toEqual([
      [['id-no-data'], '2026-03-01T12:00:00.000Z'],
    ]);
    // healthy, no-data and never-evaluated SLOs are not work items.
    expect(items.map(i => i.key)).toEqual([
      'gone-50',
      'gone-20',
      'b-tie',
      'risk-10',
      'risk-40',
    ]);
    expect(items.map(i => i.priority)).toEqual([
      'Highest',
      'Highest',
      'High',
      'High',
      'High',
    ]);
    expect(truncated).toBe(false);
  });

  it('says how much budget is left as the SLOs tab does: one decimal, never 0 % or 100 % unless exactly', async () => {
    const { provider } = providerOf([
      entitySlo('gone', 'exhausted', -1.4234),
      entitySlo('barely-gone', 'exhausted', -0.0004),
      entitySlo('spent', 'exhausted', 0),
      entitySlo('risk', 'at-risk', 0.42085),
      entitySlo('nearly-full', 'at-risk', 0.9996),
      entitySlo('unknown', 'at-risk'),
    ]);
    const titles = (await provider.readItems(request())).items.map(
      i => i.title,
    );
    expect(titles).toEqual([
      'SLO gone is out of error budget (\u2212142.3 % of the budget left)',
      // −0.04 %, not −0.0 % (one decimal); exactly 0 reads 0 %.
      'SLO barely-gone is out of error budget (\u22120.04 % of the budget left)',
      'SLO spent is out of error budget (0 % of the budget left)',
      // Without budget figures an at-risk SLO sorts as if none were left.
      'SLO unknown is at risk',
      'SLO risk is at risk (42.1 % of the budget left)',
      // 99.96 %, not 100.0 %.
      'SLO nearly-full is at risk (99.96 % of the budget left)',
    ]);
  });

  it('dates an item from when its breach began, else from its snapshot, and links the SLO tab', async () => {
    const { provider, breachAsked } = providerOf(
      [
        entitySlo('since-feb', 'exhausted', -0.1),
        entitySlo('no-start', 'at-risk', 0.5, '2026-03-02T08:00:00.000Z'),
      ],
      { 'id-since-feb': '2026-02-14T06:00:00.000Z' },
    );
    const [sinceFeb, noStart] = (await provider.readItems(request())).items;
    expect(breachAsked).toEqual([
      ['id-since-feb', '2026-03-01T12:00:00.000Z'],
      ['id-no-start', '2026-03-02T08:00:00.000Z'],
    ]);
    expect(sinceFeb).toEqual({
      id: 'slo:id-since-feb',
      key: 'since-feb',
      title:
        'SLO since-feb is out of error budget (\u221210 % of the budget left)',
      link: 'https://backstage.example.com/catalog/default/component/api/slos',
      type: 'slo',
      labels: ['slo'],
      priority: 'Highest',
      createdAt: '2026-02-14T06:00:00.000Z',
      updatedAt: '2026-03-01T12:00:01.000Z',
      status: 'exhausted',
      reliability: true,
      reliabilityReason: 'built-in SLO item',
    });
    expect(noStart.createdAt).toBe('2026-03-02T08:00:00.000Z');
    expect(noStart.status).toBe('at-risk');
  });

  it('keeps an SLO without data now whose last known state was breached, ranked, dated and titled as that state', async () => {
    const now = '2026-03-01T12:00:00.000Z';
    const { provider, breachAsked, lastKnownAsked } = providerOf(
      [
        entitySlo('gone-20', 'exhausted', -0.2),
        entitySlo('billing', 'no-data', undefined, '2026-03-01T11:55:00.000Z'),
        entitySlo('risky', 'no-data', undefined, now),
        entitySlo('was-fine', 'no-data', undefined, now),
        entitySlo('dark', 'no-data', undefined, now),
        entitySlo('risk-10', 'at-risk', 0.1),
        entitySlo('healthy', 'healthy', 0.9),
        entitySlo('never'),
      ],
      { 'id-billing': '2026-02-27T08:00:00.000Z' },
      {
        'id-billing': {
          status: 'exhausted',
          budgetRemaining: -1.41349,
          at: '2026-03-01T09:05:42.000Z',
        },
        'id-risky': { status: 'at-risk', at: '2026-03-01T10:00:00.000Z' },
        'id-was-fine': {
          status: 'healthy',
          budgetRemaining: 0.5,
          at: '2026-03-01T10:00:00.000Z',
        },
      },
    );
    const { items } = await provider.readItems(request());
    // One read, for the four no-data SLOs only, as of the latest of their snapshots.
    expect(lastKnownAsked).toEqual([
      [['id-billing', 'id-risky', 'id-was-fine', 'id-dark'], now],
    ]);
    // −141.3 % sorts before −20 %; an at-risk one without figures as if none were left (0 < 10 %).
    expect(items.map(i => [i.key, i.title, i.priority, i.status])).toEqual([
      [
        'billing',
        'SLO billing has no data now; last known exhausted (\u2212141.3 % of the budget left) as of 2026-03-01 09:05 UTC',
        'Highest',
        'no-data',
      ],
      [
        'gone-20',
        'SLO gone-20 is out of error budget (\u221220 % of the budget left)',
        'Highest',
        'exhausted',
      ],
      [
        'risky',
        'SLO risky has no data now; last known at risk as of 2026-03-01 10:00 UTC',
        'High',
        'no-data',
      ],
      [
        'risk-10',
        'SLO risk-10 is at risk (10 % of the budget left)',
        'High',
        'at-risk',
      ],
    ]);
    // The breach is the last known snapshot's: it began before it, or (unknown) at it.
    expect(breachAsked).toEqual([
      ['id-billing', '2026-03-01T09:05:42.000Z'],
      ['id-gone-20', now],
      ['id-risky', '2026-03-01T10:00:00.000Z'],
      ['id-risk-10', now],
    ]);
    expect(items[0]).toMatchObject({
      id: 'slo:id-billing',
      createdAt: '2026-02-27T08:00:00.000Z',
      updatedAt: '2026-03-01T12:00:01.000Z',
      reliability: true,
    });
    expect(items[2].createdAt).toBe('2026-03-01T10:00:00.000Z');
  });

  it('reads no last known state when no SLO is without data', async () => {
    const { provider, lastKnownAsked } = providerOf([
      entitySlo('gone', 'exhausted', -0.2),
      entitySlo('never'),
    ]);
    expect((await provider.readItems(request())).items).toHaveLength(1);
    expect(lastKnownAsked).toEqual([]);
  });

  it('cuts at maxItems after ordering and says so', async () => {
    const { provider } = providerOf(statuses);
    const two = await provider.readItems(request(2));
    expect(two.items.map(i => i.key)).toEqual(['gone-50', 'gone-20']);
    expect(two.truncated).toBe(true);
    expect((await provider.readItems(request(5))).truncated).toBe(false);
  });
});

describe('sloTabUrl', () => {
  it('builds the entity’s SLO tab path, each part encoded, without a doubled slash', () => {
    expect(sloTabUrl('http://localhost:3000//', 'component:team a/svc#1')).toBe(
      'http://localhost:3000/catalog/team%20a/component/svc%231/slos',
    );
  });
});
