import { PlanningReview } from '@stewardship/backstage-plugin-stewardship-common';

/** A review of two entities whose figures the tests check by hand. */
export const REVIEW: PlanningReview = {
  scope: 'system:default/payment-processing',
  from: '2026-10-31T00:00:00.000Z',
  to: '2026-11-30T00:00:00.000Z',
  summary: {
    entities: 2,
    met: 1,
    missed: 1,
    noData: 0,
    noSlos: 0,
    notApplicable: 0,
    largestBudgetCosts: [
      {
        entityRef: 'component:default/payments-api',
        incidentId: 'i1',
        incidentTitle: 'Card declines',
        sloId: 's1',
        sloName: 'Availability',
        consumedPercent: 42.25,
      },
    ],
    // As the backend counts them: ledger's unconfirmed role among the gaps.
    entitiesWithOwnershipGaps: 2,
    ownershipGaps: 3,
    releaseGate: { allow: 1, warn: 0, block: 1 },
  },
  rows: [
    {
      entityRef: 'component:default/ledger',
      slos: [
        {
          id: 's2',
          name: 'Latency',
          objective: 0.99,
          evaluatedSnapshots: 10,
          attainment: 1,
          statusAtEnd: 'healthy',
          budgetRemainingAtEnd: 0.8,
          metAtEnd: true,
          worstBurnRate1h: 0.5,
        },
      ],
      objectives: 'met',
      lowestBudgetRemaining: 0.8,
      worstBurnRate1h: 0.5,
      incidents: {
        count: 0,
        open: 0,
        bySeverity: [],
        budgetCosts: [],
        withoutStoredCost: 0,
      },
      backlog: { status: 'not-read-yet' },
      // Held, but never confirmed by its holder: no gap on the scorecard, "unconfirmed" there.
      ownershipGaps: [{ role: 'business', status: 'ok', attestation: 'none' }],
      aboveDependencyCeiling: [],
      releaseGate: 'allow',
    },
    {
      entityRef: 'component:default/payments-api',
      title: 'Payments API',
      slos: [
        {
          id: 's1',
          name: 'Availability',
          objective: 0.999,
          evaluatedSnapshots: 4,
          attainment: 0.75,
          // A calendar SLO in Europe/Berlin: its month starts and ends at 23:00Z in winter.
          startAt: '2026-10-31T23:00:00.000Z',
          endAt: '2026-11-29T23:00:00.000Z',
          statusAtEnd: 'exhausted',
          budgetRemainingAtEnd: -0.125,
          metAtEnd: false,
          worstBurnRate1h: 14.4,
        },
      ],
      objectives: 'missed',
      lowestBudgetRemaining: -0.125,
      worstBurnRate1h: 14.4,
      incidents: {
        count: 3,
        open: 1,
        mttaMedianSeconds: 900,
        mttrMedianSeconds: 5400,
        bySeverity: [
          { severity: 'SEV1', count: 1, mttaMedianSeconds: 300 },
          { severity: 'SEV2', count: 2, mttaMedianSeconds: 900 },
        ],
        budgetCosts: [
          {
            entityRef: 'component:default/payments-api',
            incidentId: 'i1',
            incidentTitle: 'Card declines',
            sloId: 's1',
            sloName: 'Availability',
            consumedPercent: 42.25,
          },
        ],
        // The open one.
        withoutStoredCost: 1,
      },
      backlog: {
        status: 'stored',
        at: '2026-11-29T00:00:00.000Z',
        topN: 20,
        topCount: 20,
        averageAgeDays: 45.25,
        medianAgeDays: 40,
        reliabilityShare: 0.25,
      },
      ownershipGaps: [
        { role: 'product', status: 'missing' },
        { role: 'engineering', status: 'invalid' },
      ],
      aboveDependencyCeiling: ['Availability'],
      dependencyCeiling: 0.998,
      releaseGate: 'block',
    },
  ],
};

/** A row's incident figures without incidents. */
export const noIncidents = {
  count: 0,
  open: 0,
  bySeverity: [],
  budgetCosts: [],
  withoutStoredCost: 0,
};

/**
 * A group's review: what the group owns, of five kinds. Only the component and the system can
 * have SLOs: the backend makes the domain's, the resource's and the group's rows `not-applicable`,
 * with no release gate, and counts them apart. The resource's backlog was read (it names a
 * tracker), the domain's and the group's never.
 */
export const GROUP_REVIEW: PlanningReview = {
  scope: 'group:default/platform-team',
  from: '2026-10-31T00:00:00.000Z',
  to: '2026-11-30T00:00:00.000Z',
  summary: {
    entities: 5,
    met: 1,
    missed: 0,
    noData: 0,
    noSlos: 1,
    notApplicable: 3,
    largestBudgetCosts: [],
    entitiesWithOwnershipGaps: 0,
    ownershipGaps: 0,
    releaseGate: { allow: 2, warn: 0, block: 0 },
  },
  rows: [
    {
      ...REVIEW.rows[0],
      entityRef: 'component:default/api-gateway',
      ownershipGaps: [],
    },
    {
      entityRef: 'system:default/platform-core',
      slos: [],
      objectives: 'no-slos',
      incidents: noIncidents,
      backlog: { status: 'not-read-yet' },
      ownershipGaps: [],
      aboveDependencyCeiling: [],
      releaseGate: 'allow',
    },
    {
      entityRef: 'domain:default/platform',
      slos: [],
      objectives: 'not-applicable',
      incidents: noIncidents,
      backlog: { status: 'not-read-yet' },
      ownershipGaps: [],
      aboveDependencyCeiling: [],
    },
    {
      entityRef: 'resource:default/artifact-bucket',
      title: 'Artifact bucket',
      slos: [],
      objectives: 'not-applicable',
      incidents: noIncidents,
      backlog: {
        status: 'stored',
        at: '2026-11-29T00:00:00.000Z',
        topN: 20,
        topCount: 0,
      },
      ownershipGaps: [],
      aboveDependencyCeiling: [],
    },
    {
      entityRef: 'group:default/sre',
      slos: [],
      objectives: 'not-applicable',
      incidents: noIncidents,
      backlog: { status: 'not-read-yet' },
      aboveDependencyCeiling: [],
    },
  ],
};
