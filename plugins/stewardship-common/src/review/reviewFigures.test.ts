import { DEFAULT_ERROR_BUDGET_POLICY } from '../releaseGate/releaseGate';
import { evaluateSlo } from '../slo/evaluateSlo';
import { SloDefinition } from '../slo/types';
import { SloPeriodAggregate } from './types';
import {
  ReviewEntityInput,
  ReviewIncidentInput,
  aggregateSloSnapshots,
  buildPlanningReview,
} from './reviewFigures';

const period = {
  from: new Date('2026-01-01T00:00:00Z'),
  to: new Date('2026-01-31T00:00:00Z'),
};

describe('aggregateSloSnapshots', () => {
  it('counts snapshots in [from, to] with a budget figure and the worst burn', () => {
    const aggregate = aggregateSloSnapshots(
      [
        // before the period: ignored even though its burn is the highest
        { at: '2025-12-31T23:59:59Z', budgetRemaining: -1, burnRate1h: 50 },
        { at: '2026-01-01T00:00:00Z', budgetRemaining: 0.5, burnRate1h: 1 },
        { at: '2026-01-10T00:00:00Z', budgetRemaining: 0, burnRate1h: 7.5 },
        { at: '2026-01-20T00:00:00Z', budgetRemaining: -0.1, burnRate1h: 2 },
        { at: '2026-01-25T00:00:00Z' }, // no data: in neither count
        { at: '2026-01-31T00:00:00Z', budgetRemaining: 0.2 },
      ],
      period,
    );
    // 4 evaluated; 0.5, 0 and 0.2 meet (≥ 0), −0.1 does not.
    expect(aggregate).toEqual({
      evaluated: 4,
      meeting: 3,
      worstBurnRate1h: 7.5,
    });
  });

  it('has no worst burn and zero counts without snapshots', () => {
    expect(aggregateSloSnapshots([], period)).toEqual({
      evaluated: 0,
      meeting: 0,
    });
  });
});

const slo = (
  id: string,
  remaining: number | undefined,
  status: 'healthy' | 'exhausted' | 'at-risk' | 'no-data',
  aggregate: SloPeriodAggregate = {
    evaluated: 4,
    meeting: 3,
    worstBurnRate1h: 2,
  },
): ReviewEntityInput['slos'][number] => ({
  objective: 0.999,
  aggregate,
  gate: {
    slo: { id, name: `SLO ${id}`, labels: {} },
    stale: false,
    evaluation: {
      status,
      at: '2026-01-30T23:55:00Z',
      alerts: [],
      ...(remaining !== undefined && {
        errorBudget: {
          remaining,
          consumed: 1 - remaining,
          allowedBad: 10,
          bad: 10 * (1 - remaining),
        },
      }),
    },
  },
});

const incident = (
  id: string,
  severity: 'SEV1' | 'SEV2',
  detectedAt: string,
  minutes: { ack?: number; resolve?: number },
  consumedPercent?: number,
  fireDrill = false,
) => {
  const detected = Date.parse(detectedAt);
  const after = (m?: number) =>
    m === undefined ? undefined : new Date(detected + m * 60_000).toISOString();
  return {
    id,
    title: `Incident ${id}`,
    severity,
    status: minutes.resolve === undefined ? 'open' : 'resolved',
    fireDrill,
    detectedAt,
    acknowledgedAt: after(minutes.ack),
    resolvedAt: after(minutes.resolve),
    budgetImpacts:
      consumedPercent === undefined
        ? []
        : [
            {
              sloId: 'a',
              sloName: 'SLO a',
              status: 'computed' as const,
              incidentWindow: { start: detectedAt, end: detectedAt },
              consumedPercent,
              computedAt: detectedAt,
              stored: true,
            },
          ],
  };
};

describe('buildPlanningReview', () => {
  const cart: ReviewEntityInput = {
    entityRef: 'component:default/cart',
    title: 'Cart',
    policy: DEFAULT_ERROR_BUDGET_POLICY,
    slos: [
      slo('a', 0.25, 'healthy'),
      slo('b', -0.5, 'exhausted', {
        evaluated: 10,
        meeting: 4,
        worstBurnRate1h: 14.4,
      }),
    ],
    incidents: [
      incident(
        'i1',
        'SEV1',
        '2026-01-05T10:00:00Z',
        { ack: 5, resolve: 60 },
        40,
      ),
      incident(
        'i2',
        'SEV1',
        '2026-01-06T10:00:00Z',
        { ack: 15, resolve: 120 },
        12.5,
      ),
      incident('i3', 'SEV2', '2026-01-07T10:00:00Z', { ack: 2 }),
      // outside [from, to): not counted
      incident(
        'i4',
        'SEV1',
        '2026-01-31T00:00:00Z',
        { ack: 1, resolve: 2 },
        99,
      ),
      // a fire drill: never counted
      incident(
        'i5',
        'SEV1',
        '2026-01-08T00:00:00Z',
        { ack: 1, resolve: 2 },
        98,
        true,
      ),
    ],
    backlog: {
      at: '2026-01-30T00:00:00Z',
      top: {
        n: 20,
        count: 4,
        averageAgeDays: 30,
        medianAgeDays: 25,
        ageTargetDays: 90,
        meetsAgeTarget: true,
        reliabilityCount: 1,
        reliabilityShare: 0.25,
      },
      all: { count: 4, ageHistogram: [], olderThan180Days: 0, untriaged: 0 },
      formulas: [],
    },
    ownership: {
      applies: true,
      roles: [
        { role: 'business', required: true, status: 'ok', annotation: 'x' },
        { role: 'product', required: true, status: 'missing', annotation: 'y' },
        {
          role: 'engineering',
          required: false,
          status: 'invalid',
          annotation: 'z',
        },
      ],
    },
    dependencyCeiling: {
      ceiling: 0.998,
      objectives: [
        { id: 'a', name: 'SLO a', objective: 0.999, aboveCeiling: true },
      ],
    },
  };
  const web: ReviewEntityInput = {
    entityRef: 'component:default/web',
    policy: DEFAULT_ERROR_BUDGET_POLICY,
    slos: [slo('c', 0.9, 'healthy')],
    incidents: [
      incident(
        'w1',
        'SEV2',
        '2026-01-02T00:00:00Z',
        { ack: 1, resolve: 10 },
        60,
      ),
    ],
  };
  const empty: ReviewEntityInput = {
    entityRef: 'api:default/empty',
    policy: DEFAULT_ERROR_BUDGET_POLICY,
    slos: [],
    incidents: [],
  };
  const review = buildPlanningReview('system:default/shop', period, [
    web,
    cart,
    empty,
  ]);

  it('makes one row per entity, by ref', () => {
    expect(review.rows.map(row => row.entityRef)).toEqual([
      'api:default/empty',
      'component:default/cart',
      'component:default/web',
    ]);
  });

  it('computes the SLO figures of a row', () => {
    const row = review.rows[1];
    expect(row.slos).toEqual([
      {
        id: 'a',
        name: 'SLO a',
        objective: 0.999,
        evaluatedSnapshots: 4,
        attainment: 0.75, // 3 of 4
        statusAtEnd: 'healthy',
        budgetRemainingAtEnd: 0.25,
        metAtEnd: true,
        worstBurnRate1h: 2,
      },
      {
        id: 'b',
        name: 'SLO b',
        objective: 0.999,
        evaluatedSnapshots: 10,
        attainment: 0.4, // 4 of 10
        statusAtEnd: 'exhausted',
        budgetRemainingAtEnd: -0.5,
        metAtEnd: false,
        worstBurnRate1h: 14.4,
      },
    ]);
    expect(row.objectives).toBe('missed');
    expect(row.lowestBudgetRemaining).toBe(-0.5);
    expect(row.worstBurnRate1h).toBe(14.4);
    expect(row.releaseGate).toBe('block');
  });

  it('computes the incident figures of the period without drills', () => {
    const { incidents } = review.rows[1];
    // i1, i2 (SEV1), i3 (SEV2, open). MTTA: 5, 15, 2 min → median 5 min = 300 s.
    // MTTR: 60, 120 min → median 90 min = 5400 s.
    expect(incidents.count).toBe(3);
    expect(incidents.open).toBe(1);
    expect(incidents.mttaMedianSeconds).toBe(300);
    expect(incidents.mttrMedianSeconds).toBe(5400);
    expect(incidents.bySeverity).toEqual([
      {
        severity: 'SEV1',
        count: 2,
        mttaMedianSeconds: 600,
        mttrMedianSeconds: 5400,
      },
      { severity: 'SEV2', count: 1, mttaMedianSeconds: 120 },
    ]);
    expect(
      incidents.budgetCosts.map(c => [c.incidentId, c.consumedPercent]),
    ).toEqual([
      ['i1', 40],
      ['i2', 12.5],
    ]);
  });

  it('counts the incidents of the period that affected an SLO and have no stored cost yet, whether open or not', () => {
    const base = incident('x', 'SEV2', '2026-01-10T00:00:00Z', {});
    const entity = (
      incidents: Array<Partial<ReviewIncidentInput> & { id: string }>,
    ): ReviewEntityInput => ({
      entityRef: 'component:default/pay',
      policy: DEFAULT_ERROR_BUDGET_POLICY,
      slos: [],
      incidents: incidents.map(fields => ({ ...base, ...fields })),
    });
    const stored = base.budgetImpacts;
    const resolved = {
      status: 'resolved',
      resolvedAt: '2026-01-10T02:00:00Z',
    };
    const row = buildPlanningReview('component:default/pay', period, [
      entity([
        // Open at `to`, resolved since, its cost stored: counted among the costs, not here.
        {
          id: 'resolved-since',
          status: 'resolved',
          detectedAt: '2026-01-30T20:00:00Z',
          resolvedAt: '2026-02-02T00:00:00Z',
          affectedSloIds: ['a'],
          budgetImpacts: [
            {
              ...incident('y', 'SEV2', '2026-01-30T20:00:00Z', {}, 12)
                .budgetImpacts[0],
            },
          ],
        },
        // Resolved in the period, its cost not stored yet (the backfill has not run).
        {
          id: 'resolved-waiting',
          status: 'resolved',
          resolvedAt: '2026-01-10T01:00:00Z',
          affectedSloIds: ['a'],
          budgetImpacts: undefined,
        },
        {
          ...resolved,
          id: 'resolved-waiting-too',
          affectedSloIds: ['b'],
          budgetImpacts: undefined,
        },
        // Still open: no cost yet.
        { id: 'open', affectedSloIds: ['a', 'b'], budgetImpacts: undefined },
        // Resolved, affected no SLO: nothing to store, nothing missing.
        {
          ...resolved,
          id: 'no-slo',
          affectedSloIds: [],
          budgetImpacts: undefined,
        },
        // A stored cost that the reader may not see (filtered to none): stored all the same.
        {
          ...resolved,
          id: 'hidden',
          affectedSloIds: ['h'],
          budgetImpacts: stored,
        },
        // Outside the period, and a fire drill: not among the period's incidents.
        {
          id: 'later',
          detectedAt: '2026-01-31T00:00:00Z',
          affectedSloIds: ['a'],
          budgetImpacts: undefined,
        },
        {
          id: 'drill',
          fireDrill: true,
          affectedSloIds: ['a'],
          budgetImpacts: undefined,
        },
      ]),
    ]).rows[0];
    // resolved-waiting, resolved-waiting-too, open; while open at `to`: resolved-since, open.
    expect(row.incidents.withoutStoredCost).toBe(3);
    expect(row.incidents.open).toBe(2);
    expect(
      row.incidents.budgetCosts.map(cost => [
        cost.incidentId,
        cost.consumedPercent,
      ]),
    ).toEqual([['resolved-since', 12]]);
  });

  it('reads the backlog, ownership gaps and ceiling warning', () => {
    const row = review.rows[1];
    expect(row.backlog).toEqual({
      status: 'stored',
      at: '2026-01-30T00:00:00Z',
      topN: 20,
      topCount: 4,
      averageAgeDays: 30,
      medianAgeDays: 25,
      reliabilityShare: 0.25,
    });
    // engineering is invalid but not required: not a gap
    expect(row.ownershipGaps).toEqual([{ role: 'product', status: 'missing' }]);
    expect(row.aboveDependencyCeiling).toEqual(['SLO a']);
    expect(row.dependencyCeiling).toBe(0.998);
    expect(review.rows[2].backlog).toEqual({ status: 'not-read-yet' });
    expect(review.rows[2].ownershipGaps).toBeUndefined();
  });

  it('says the latest backlog read failed when it is newer than the stored figures, or none are stored', () => {
    const failure = (at: string) => ({
      at,
      providers: [
        { provider: 'jira', title: 'Jira', kind: 'unreachable' as const },
        { provider: 'tickets', title: 'Tickets' },
      ],
    });
    // cart's figures are as of 2026-01-30T00:00:00Z.
    const [, cartAfter, neverRead] = buildPlanningReview(
      'system:default/shop',
      period,
      [
        empty,
        { ...cart, backlogReadFailure: failure('2026-01-30T00:00:01Z') },
        {
          ...web,
          backlog: undefined,
          backlogReadFailure: failure('2026-01-02T09:00:00Z'),
        },
      ],
    ).rows;
    expect(cartAfter.backlog).toEqual({
      status: 'stored',
      at: '2026-01-30T00:00:00Z',
      topN: 20,
      topCount: 4,
      averageAgeDays: 30,
      medianAgeDays: 25,
      reliabilityShare: 0.25,
      lastReadFailed: failure('2026-01-30T00:00:01Z'),
    });
    expect(neverRead.backlog).toEqual({
      status: 'not-read-yet',
      lastReadFailed: failure('2026-01-02T09:00:00Z'),
    });
    // A failure at the figures' moment or before them was followed by a complete read.
    for (const at of ['2026-01-30T00:00:00Z', '2026-01-29T23:59:59Z']) {
      const [, row] = buildPlanningReview('system:default/shop', period, [
        empty,
        { ...cart, backlogReadFailure: failure(at) },
      ]).rows;
      expect(row.backlog.lastReadFailed).toBeUndefined();
    }
  });

  it('summarises the rows', () => {
    expect(review.rows.map(row => row.objectives)).toEqual([
      'no-slos',
      'missed',
      'met',
    ]);
    expect(review.summary).toEqual({
      entities: 3,
      met: 1,
      missed: 1,
      noData: 0,
      noSlos: 1,
      notApplicable: 0,
      largestBudgetCosts: [
        expect.objectContaining({ incidentId: 'w1', consumedPercent: 60 }),
        expect.objectContaining({ incidentId: 'i1', consumedPercent: 40 }),
        expect.objectContaining({ incidentId: 'i2', consumedPercent: 12.5 }),
      ],
      entitiesWithOwnershipGaps: 1,
      ownershipGaps: 1,
      // empty: no SLOs → noSlos allow; web healthy → allow; cart exhausted → block
      releaseGate: { allow: 2, warn: 0, block: 1 },
    });
  });

  it('reads exactly 0 budget left at the end as met, while its status is exhausted and the gate blocks', () => {
    // 99 % of 1,000 events allows 10 bad; 10 bad (990 good) spend it exactly: SLI 0.99 = the
    // objective meets it (remaining ≥ 0), but nothing is left to spend (remaining ≤ 0).
    const definition: SloDefinition = {
      id: 'z',
      version: 1,
      entityRef: 'component:default/edge',
      name: 'SLO z',
      sli: { type: 'ratio', good: 'good', total: 'total' },
      objective: 0.99,
      timeWindow: { type: 'rolling', duration: '30d' },
      budgetingMethod: 'occurrences',
      metricSource: 'prometheus',
      alertPolicies: [],
      labels: {},
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const evaluation = evaluateSlo({
      slo: definition,
      at: new Date('2026-01-30T23:55:00Z'),
      evaluatedAt: new Date('2026-01-30T23:55:00Z'),
      windowCounts: { good: 990, total: 1000 },
      burnCounts: {},
      queries: [],
    });
    expect(evaluation.status).toBe('exhausted');
    expect(evaluation.errorBudget!.remaining).toBe(0);
    const row = buildPlanningReview('system:default/x', period, [
      {
        entityRef: 'component:default/edge',
        policy: DEFAULT_ERROR_BUDGET_POLICY,
        slos: [
          {
            objective: 0.99,
            aggregate: aggregateSloSnapshots(
              [{ at: evaluation.at, budgetRemaining: 0 }],
              period,
            ),
            gate: { slo: definition, stale: false, evaluation },
          },
        ],
        incidents: [],
      },
    ]).rows[0];
    expect(row.slos[0]).toMatchObject({
      attainment: 1, // the one snapshot meets the objective
      statusAtEnd: 'exhausted',
      budgetRemainingAtEnd: 0,
      metAtEnd: true,
    });
    // "Met (at the end: exhausted)", and the default policy blocks an exhausted SLO.
    expect(row.objectives).toBe('met');
    expect(row.releaseGate).toBe('block');
  });

  it('keeps only the three largest budget costs across the rows, largest first', () => {
    // Four costs in the period, 10, 30, 20 and 40 %, over two entities: the largest three are
    // 40, 30 and 20; the 10 % cost is left out of the summary (not of its row).
    const costs = buildPlanningReview('system:default/x', period, [
      {
        ...empty,
        entityRef: 'component:default/one',
        incidents: [
          incident('k1', 'SEV2', '2026-01-10T00:00:00Z', { resolve: 5 }, 10),
          incident('k2', 'SEV2', '2026-01-11T00:00:00Z', { resolve: 5 }, 30),
        ],
      },
      {
        ...empty,
        entityRef: 'component:default/two',
        incidents: [
          incident('k3', 'SEV2', '2026-01-12T00:00:00Z', { resolve: 5 }, 20),
          incident('k4', 'SEV2', '2026-01-13T00:00:00Z', { resolve: 5 }, 40),
        ],
      },
    ]);
    expect(
      costs.summary.largestBudgetCosts.map(c => [
        c.incidentId,
        c.consumedPercent,
      ]),
    ).toEqual([
      ['k4', 40],
      ['k2', 30],
      ['k3', 20],
    ]);
    expect(costs.rows[0].incidents.budgetCosts).toHaveLength(2);
  });

  it('says no-data when no SLO has a budget at the end', () => {
    const row = buildPlanningReview('system:default/x', period, [
      {
        ...empty,
        slos: [slo('d', undefined, 'no-data', { evaluated: 0, meeting: 0 })],
      },
    ]).rows[0];
    expect(row.objectives).toBe('no-data');
    expect(row.slos[0].attainment).toBeUndefined();
    expect(row.releaseGate).toBe('warn');
  });

  it('counts an ok role its holder has not confirmed as a gap, and says which', () => {
    const row = buildPlanningReview('system:default/x', period, [
      {
        ...empty,
        ownership: {
          applies: true,
          roles: [
            {
              role: 'business',
              required: true,
              status: 'ok',
              annotation: 'user:default/ann',
              attestation: { state: 'current', by: 'user:default/ann' },
            },
            {
              role: 'product',
              required: true,
              status: 'ok',
              annotation: 'user:default/bo',
              attestation: { state: 'stale', by: 'user:default/bo' },
            },
            {
              role: 'engineering',
              required: true,
              status: 'ok',
              annotation: 'group:default/eng',
              attestation: { state: 'none' },
            },
          ],
        },
      } as ReviewEntityInput,
    ]).rows[0];
    expect(row.ownershipGaps).toEqual([
      { role: 'product', status: 'ok', attestation: 'stale' },
      { role: 'engineering', status: 'ok', attestation: 'none' },
    ]);
  });

  it('does not count an exempt role as a gap, as the scorecard counts it compliant', () => {
    const row = buildPlanningReview('system:default/x', period, [
      {
        ...empty,
        ownership: {
          applies: true,
          roles: [
            {
              role: 'business',
              required: true,
              status: 'exempt',
              annotation: 'user:default/ann',
              // An exemption is no holder's to confirm.
              attestation: { state: 'none' },
            },
            {
              role: 'product',
              required: true,
              status: 'orphaned',
              annotation: 'user:default/gone',
            },
          ],
        },
      } as ReviewEntityInput,
    ]).rows[0];
    expect(row.ownershipGaps).toEqual([
      { role: 'product', status: 'orphaned' },
    ]);
  });

  describe('in a group review, of kinds that cannot have SLOs', () => {
    // Under a policy that blocks an entity without SLOs: for a component that is a gap, for a
    // domain, a resource or a user it is not applicable (no gate at all).
    const strict = { ...DEFAULT_ERROR_BUDGET_POLICY, noSlos: 'block' as const };
    const bare = (entityRef: string): ReviewEntityInput => ({
      entityRef,
      policy: strict,
      slos: [],
      incidents: [],
    });
    const group = buildPlanningReview('group:default/platform', period, [
      bare('domain:default/commerce'),
      bare('Resource:default/bucket'),
      bare('user:default/ann'),
      bare('component:default/orphan'),
      bare('system:default/shop'),
      // SLOs stored anyway on a resource (the API accepts them): reviewed as any other.
      {
        ...bare('resource:default/queue'),
        slos: [slo('q', -0.5, 'exhausted')],
      },
      { ...web, policy: strict },
    ]);
    const byRef = (ref: string) =>
      group.rows.find(row => row.entityRef === ref)!;

    it('makes their rows not applicable, with no release gate', () => {
      const domain = byRef('domain:default/commerce');
      expect(domain.objectives).toBe('not-applicable');
      expect('releaseGate' in domain).toBe(false);
      // The kind is read from the ref in any case.
      expect(byRef('Resource:default/bucket').objectives).toBe(
        'not-applicable',
      );
      expect(byRef('user:default/ann').objectives).toBe('not-applicable');
      expect(
        group.rows.map(row => [row.entityRef, row.objectives, row.releaseGate]),
      ).toEqual([
        ['component:default/orphan', 'no-slos', 'block'],
        ['component:default/web', 'met', 'allow'],
        ['domain:default/commerce', 'not-applicable', undefined],
        ['Resource:default/bucket', 'not-applicable', undefined],
        ['resource:default/queue', 'missed', 'block'],
        ['system:default/shop', 'no-slos', 'block'],
        ['user:default/ann', 'not-applicable', undefined],
      ]);
    });

    it('counts them apart, and their gates nowhere', () => {
      // 7 rows: 3 not applicable (domain, bucket, user); 2 without SLOs (orphan, shop: block);
      // web met (allow); queue missed (exhausted: block).
      expect(group.summary).toEqual({
        entities: 7,
        met: 1,
        missed: 1,
        noData: 0,
        noSlos: 2,
        notApplicable: 3,
        largestBudgetCosts: [
          expect.objectContaining({ incidentId: 'w1', consumedPercent: 60 }),
        ],
        entitiesWithOwnershipGaps: 0,
        ownershipGaps: 0,
        releaseGate: { allow: 1, warn: 0, block: 3 },
      });
    });
  });
});
