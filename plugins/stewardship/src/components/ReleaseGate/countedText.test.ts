import { allowGate } from '../../__testUtils__/backlogFixtures';
import { countedText } from './ReleaseGateCard';

describe('countedText', () => {
  it('says how many SLOs count, and when none, whether there are none or the labels leave them out', () => {
    expect(countedText({ ...allowGate, countedSlos: 2 })).toBe(
      '2 SLOs counted under the error-budget policy.',
    );
    expect(countedText({ ...allowGate, countedSlos: 0 })).toBe(
      'No SLO counts for this entity: it has none (as of this moment).',
    );
    // A system's tab lists its components' SLOs above the card: they do not count in its gate.
    expect(
      countedText({
        ...allowGate,
        entityRef: 'system:default/payment-processing',
        countedSlos: 0,
      }),
    ).toBe(
      "No SLO counts for this system: it has none of its own (as of this moment). Its components' SLOs count in each component's own release gate, on its SLOs tab.",
    );
    expect(
      countedText({
        ...allowGate,
        countedSlos: 0,
        policy: { ...allowGate.policy, sloLabels: { tier: 'critical' } },
      }),
    ).toBe(
      "No SLO counts for this entity: only SLOs labelled tier: critical count under the error-budget policy (stewardship.errorBudgetPolicy.sloLabels, or the entity's stewardship.io/release-gate-slo-labels annotation).",
    );
  });
});
