import { EntitySlo } from '../../api';
import {
  atRiskEvaluation,
  atRiskSlo,
  entitySlos,
  healthyEvaluation,
  healthySlo,
} from '../../__testUtils__/sloFixtures';
import {
  describeOverviewStatusChanges,
  describeStatusChanges,
} from './statusChanges';

/** `slo` (renamed `name` when given) with an evaluation of `status`, or none (stale). */
function item(
  slo: typeof healthySlo,
  status?: 'healthy' | 'at-risk' | 'exhausted' | 'no-data',
  name = slo.name,
): EntitySlo {
  return {
    slo: { ...slo, name },
    evaluation: status && { ...healthyEvaluation, sloId: slo.id, status },
    stale: status === undefined,
  };
}

describe('describeStatusChanges', () => {
  it('says nothing when no status word changed, figures aside', () => {
    const before = entitySlos([
      { slo: healthySlo, evaluation: healthyEvaluation, stale: false },
    ]);
    const after = entitySlos([
      {
        slo: healthySlo,
        evaluation: { ...healthyEvaluation, sli: 0.9 },
        stale: false,
      },
    ]);
    expect(describeStatusChanges(before, after)).toBeUndefined();
  });

  it('names one change with what it was', () => {
    expect(
      describeStatusChanges(
        entitySlos([item(healthySlo, 'healthy'), item(atRiskSlo, 'at-risk')]),
        entitySlos([
          { slo: healthySlo, evaluation: healthyEvaluation, stale: false },
          {
            slo: atRiskSlo,
            evaluation: { ...atRiskEvaluation, status: 'exhausted' },
            stale: false,
          },
        ]),
      ),
    ).toBe('SLO checkout-availability is now exhausted (was at-risk).');
  });

  it('says an SLO evaluated for the first time was stale, as its row said', () => {
    expect(
      describeStatusChanges(
        entitySlos([item(healthySlo)]),
        entitySlos([item(healthySlo, 'healthy')]),
      ),
    ).toBe('SLO availability is now healthy (was stale).');
  });

  it('says an SLO turned stale with its last status, and current again when evaluated anew', () => {
    const current = entitySlos([item(healthySlo, 'healthy')]);
    const old = entitySlos([{ ...item(healthySlo, 'healthy'), stale: true }]);
    expect(describeStatusChanges(current, old)).toBe(
      'SLO availability is now stale (healthy when last evaluated).',
    );
    expect(describeStatusChanges(old, current)).toBe(
      'SLO availability is current again (healthy).',
    );
    // A new status word says it all: stale or not is not said again.
    expect(
      describeStatusChanges(old, entitySlos([item(healthySlo, 'at-risk')])),
    ).toBe('SLO availability is now at-risk (was healthy).');
  });

  it('names several in the order of the new list, at most five, and counts the rest', () => {
    const slos = Array.from({ length: 7 }, (_, i) => ({
      ...healthySlo,
      id: `slo-${i}`,
      name: `slo-${i}`,
    }));
    const before = entitySlos(slos.map(slo => item(slo, 'healthy')));
    const after = entitySlos(
      [...slos].reverse().map(slo => item(slo, 'at-risk')),
    );
    expect(describeStatusChanges(before, after)).toBe(
      '7 SLOs changed status: slo-6 is now at-risk (was healthy); slo-5 is now at-risk (was healthy); slo-4 is now at-risk (was healthy); slo-3 is now at-risk (was healthy); slo-2 is now at-risk (was healthy); and 2 more.',
    );
    expect(
      describeStatusChanges(
        before,
        entitySlos([item(slos[0], 'no-data'), item(slos[1], 'exhausted')]),
      ),
    ).toBe(
      '2 SLOs changed status: slo-0 is now no-data (was healthy); slo-1 is now exhausted (was healthy).',
    );
  });

  it('leaves out SLOs added or removed between the reads', () => {
    expect(
      describeStatusChanges(
        entitySlos([item(healthySlo, 'healthy')]),
        entitySlos([item(atRiskSlo, 'at-risk')]),
      ),
    ).toBeUndefined();
  });
});

describe('describeOverviewStatusChanges', () => {
  const overviewItem = (
    sloId: string,
    status?: 'healthy' | 'at-risk',
    entityTitle?: string,
  ) => ({
    sloId,
    name: 'availability',
    entityRef: `component:default/${sloId}`,
    entityTitle,
    status,
    stale: status === undefined,
    brokenSli: false,
    objective: 0.999,
    metricSource: 'prometheus',
  });

  it('names each SLO with its entity, by title when it has one, never evaluated as stale', () => {
    expect(
      describeOverviewStatusChanges(
        [
          overviewItem('checkout', 'healthy', 'Checkout Service'),
          overviewItem('cart', 'healthy'),
          overviewItem('search'),
        ],
        [
          overviewItem('checkout', 'at-risk', 'Checkout Service'),
          overviewItem('cart', 'healthy'),
          overviewItem('search', 'healthy'),
        ],
      ),
    ).toBe(
      '2 SLOs changed status: availability of Checkout Service is now at-risk (was healthy); availability of component:default/search is now healthy (was stale).',
    );
    expect(
      describeOverviewStatusChanges(
        [overviewItem('cart', 'healthy')],
        [overviewItem('cart', 'healthy')],
      ),
    ).toBeUndefined();
  });
});
