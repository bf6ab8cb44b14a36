import { allowGate } from '../../__testUtils__/backlogFixtures';
import { countedText } from './ReleaseGateCard';

describe('countedText', () => {
  it('says how many SLOs count, and when none, whether there are none or the labels leave them out', () => {
    expect(countedText({ ...allowGate, countedSlos: 2 })).toBe(
      '2 SLOs counted under the error-budget policy.',
    );
    // Under noData: allow, how many of them had no recent data (never evaluated, stale or no-data).
    expect(
      countedText({ ...allowGate, countedSlos: 3, countedWithoutData: 1 }),
    ).toBe(
      '3 SLOs counted under the error-budget policy; 1 of them has no recent data, which the policy allows (noData: allow).',
    );
    expect(
      countedText({ ...allowGate, countedSlos: 3, countedWithoutData: 2 }),
    ).toBe(
      '3 SLOs counted under the error-budget policy; 2 of them have no recent data, which the policy allows (noData: allow).',
    );
    expect(
      countedText({ ...allowGate, countedSlos: 2, countedWithoutData: 2 }),
    ).toBe(
      '2 SLOs counted under the error-budget policy; none of them has recent data, which the policy allows (noData: allow): nothing was measured.',
    );
    expect(
      countedText({ ...allowGate, countedSlos: 1, countedWithoutData: 1 }),
    ).toBe(
      '1 SLO counted under the error-budget policy; it has no recent data, which the policy allows (noData: allow): nothing was measured.',
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
