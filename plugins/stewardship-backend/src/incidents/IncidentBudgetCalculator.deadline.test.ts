/*
 * A metric source that ignores its abort signal and never answers: the cost of the incident is
 * no-data once the query timeout passes, and the read ends then, so it frees the reader's lane
 * (a read that never ended held a lane slot for good).
 */
import {
  Incident,
  SloDefinition,
} from '@stewardship/backstage-plugin-stewardship-common';
import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import { CallerLanes } from '../lib/CallerLanes';
import { IncidentBudgetCalculator } from './IncidentBudgetCalculator';

const never = <T>() => new Promise<T>(() => {});

/** Ignores `signal`: answers never, for either kind of SLO. */
const deaf: MetricSource = {
  countEvents: () => never(),
  countEventsPerSlice: () => never(),
};

const slo = (
  budgetingMethod: SloDefinition['budgetingMethod'],
): SloDefinition => ({
  id: `slo-${budgetingMethod}`,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  entityRef: 'component:default/checkout',
  name: budgetingMethod,
  sli: { type: 'ratio', good: 'good', total: 'total' },
  objective: 0.99,
  timeWindow: { type: 'rolling', duration: '1d' },
  budgetingMethod,
  ...(budgetingMethod === 'timeslices' && {
    timeslice: { duration: '1m', target: 0.9 },
  }),
  metricSource: 'deaf',
  alertPolicies: [],
  labels: {},
});

const incident: Incident = {
  id: 'i-1',
  version: 1,
  entityRef: 'component:default/checkout',
  affectedEntityRefs: [],
  title: 'Checkout 500s',
  severity: 'SEV2',
  status: 'resolved',
  statusChangedAt: '2026-11-30T11:00:00.000Z',
  startedAt: '2026-11-30T10:00:00.000Z',
  detectedAt: '2026-11-30T10:00:00.000Z',
  resolvedAt: '2026-11-30T11:00:00.000Z',
  affectedSloIds: ['slo-occurrences', 'slo-timeslices'],
  fireDrill: false,
  source: 'manual',
  createdAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T11:00:00.000Z',
};

describe('IncidentBudgetCalculator with a source that never answers', () => {
  it('answers no-data at the query timeout and frees the lane the read ran in', async () => {
    const slos = new Map(
      (['occurrences', 'timeslices'] as const).map(method => [
        `slo-${method}`,
        slo(method),
      ]),
    );
    const calculator = new IncidentBudgetCalculator({
      sources: new Map([['deaf', deaf]]),
      slos: { getSlo: async id => slos.get(id) },
      queryTimeoutMs: 50,
      now: () => new Date('2026-11-30T12:00:00Z'),
    });
    const lanes = new CallerLanes(1);
    const impacts = await calculator.impacts(incident, {
      runRead: read => lanes.run('user:default/jane', read),
    });
    expect(impacts.map(impact => [impact.sloName, impact.status])).toEqual([
      ['occurrences', 'no-data'],
      ['timeslices', 'no-data'],
    ]);
    expect(impacts[0].reason).toMatch(/^metric source "deaf" failed: /);
    // Both reads ended, one after the other in a lane one wide: the lane is free again.
    expect(lanes.callers).toBe(0);
    await expect(
      lanes.run('user:default/jane', async () => 'next'),
    ).resolves.toBe('next');
  });
});
