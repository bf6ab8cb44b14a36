import {
  allowGate,
  blockGate,
  gateReason,
  jiraItems,
  sloItem,
} from '../../__testUtils__/backlogFixtures';
import {
  adviceCannotJudge,
  adviceTitle,
  allowedBreaches,
  adviceNotesOnly,
  adviceSentence,
  adviceSeverity,
  advisesReliabilityFirst,
  hasReleaseAdvice,
} from './adviceRules';

const reason = gateReason;

describe('adviceRules', () => {
  it('advises reliability work first on warn and block only', () => {
    expect(advisesReliabilityFirst(undefined)).toBe(false);
    expect(advisesReliabilityFirst(allowGate)).toBe(false);
    expect(advisesReliabilityFirst(blockGate)).toBe(true);
    expect(advisesReliabilityFirst({ ...allowGate, decision: 'warn' })).toBe(
      true,
    );
  });

  it('asks to look at the SLOs, not for reliability work, when the gate only cannot judge them', () => {
    // A quiet service: no traffic in the window, so no-data, which the default policy warns on.
    const quiet = {
      ...allowGate,
      decision: 'warn' as const,
      policyDecision: 'warn' as const,
      reasons: [reason('queue', 'no-data', 'warn')],
    };
    expect(advisesReliabilityFirst(quiet)).toBe(false);
    expect(hasReleaseAdvice(quiet)).toBe(true);
    expect(adviceSentence(quiet)).toBe(
      '“queue” has no recent data, so the error-budget policy cannot tell whether its budget is spent: open the SLOs tab to see why (a broken query, a metric source that is down, or no traffic in the window); releases may go ahead, with a warning from the error-budget policy.',
    );
    const two = {
      ...quiet,
      decision: 'block' as const,
      reasons: [
        reason('queue', 'no-data', 'block'),
        reason('api', 'stale', 'block'),
      ],
    };
    expect(adviceSentence(two)).toBe(
      '“queue” and “api” have no recent data, so the error-budget policy cannot tell whether their budgets are spent: open the SLOs tab to see why (a broken query, a metric source that is down, or no traffic in the window); releases are blocked by the error-budget policy.',
    );
    expect(hasReleaseAdvice(allowGate)).toBe(false);
    expect(hasReleaseAdvice(blockGate)).toBe(true);
  });

  it('reads an SLO without data now as its last known spent or burning budget, and says so', () => {
    // The metric source went down after legacy-billing ran out of budget: no data warns.
    const outage = {
      ...allowGate,
      decision: 'warn' as const,
      policyDecision: 'warn' as const,
      reasons: [
        {
          ...reason('legacy-billing', 'no-data', 'warn'),
          lastKnown: {
            status: 'exhausted' as const,
            budgetRemaining: -1.41349,
            at: '2026-11-30T10:05:42.000Z',
          },
        },
      ],
    };
    expect(adviceCannotJudge(outage)).toBe(false);
    expect(advisesReliabilityFirst(outage)).toBe(true);
    expect(hasReleaseAdvice(outage)).toBe(true);
    // −1.41349 → −141.3 %; the moment to the minute in UTC.
    expect(adviceSentence(outage)).toBe(
      '“legacy-billing” has no recent data, and its error budget was last known exhausted (\u2212141.3 % of the budget left) as of 2026-11-30 10:05 UTC: put reliability work first; releases may go ahead, with a warning from the error-budget policy.',
    );

    // Beside a budget spent now, a stale SLO last known at risk (no figure) and two without
    // one to go by: last known healthy, and never known.
    const mixed = {
      ...blockGate,
      reasons: [
        reason('availability', 'exhausted', 'block'),
        {
          ...reason('api', 'stale', 'warn'),
          lastKnown: {
            status: 'at-risk' as const,
            at: '2026-11-30T09:00:00.000Z',
          },
        },
        {
          ...reason('queue', 'no-data', 'warn'),
          lastKnown: {
            status: 'healthy' as const,
            budgetRemaining: 0.5,
            at: '2026-11-30T09:00:00.000Z',
          },
        },
        reason('dark', 'no-data', 'warn'),
      ],
    };
    expect(adviceSentence(mixed)).toBe(
      'The error budget of “availability” is exhausted; “api” has no recent data, and its error budget was last known at risk as of 2026-11-30 09:00 UTC; “queue” and “dark” have no recent data: put reliability work first; releases are blocked by the error-budget policy.',
    );

    // Last known healthy: still only SLOs to look at.
    const wasFine = { ...outage, reasons: [mixed.reasons[2]] };
    expect(adviceCannotJudge(wasFine)).toBe(true);
    expect(advisesReliabilityFirst(wasFine)).toBe(false);
    expect(adviceSentence(wasFine)).toMatch(
      /^“queue” has no recent data, so the error-budget policy cannot tell/,
    );
    // An allowing gate advises nothing, whatever its reasons were last known to be.
    expect(hasReleaseAdvice({ ...outage, decision: 'allow' })).toBe(false);
  });

  it('under noData: allow, says for information that an SLO without data was last known exhausted, and that releases may go ahead', () => {
    const note = (name: string, status: 'exhausted' | 'at-risk') => ({
      slo: { id: name, name },
      status: 'no-data' as const,
      explanation: '',
      lastKnown: {
        status,
        budgetRemaining: -1.41349,
        at: '2026-11-30T10:05:42.000Z',
      },
    });
    const noted = {
      ...allowGate,
      policy: { ...allowGate.policy, noData: 'allow' as const },
      notes: [note('legacy-billing', 'exhausted')],
    };
    expect(adviceNotesOnly(noted)).toBe(true);
    expect(hasReleaseAdvice(noted)).toBe(true);
    // The policy asks nothing: the list does not open with reliability work first.
    expect(advisesReliabilityFirst(noted)).toBe(false);
    expect(adviceCannotJudge(noted)).toBe(false);
    expect(adviceSeverity(noted)).toBe('info');
    // −1.41349 → −141.3 %; 10:05:42 → 10:05 UTC.
    expect(adviceSentence(noted)).toBe(
      '“legacy-billing” has no recent data, and its error budget was last known exhausted (\u2212141.3 % of the budget left) as of 2026-11-30 10:05 UTC: the error-budget policy allows SLOs without data (noData: allow), so releases may go ahead; if it is still so, reliability work comes first.',
    );
    // Beside a budget burning now, the note is one more part of why.
    const warned = {
      ...noted,
      decision: 'warn' as const,
      policyDecision: 'warn' as const,
      reasons: [reason('latency', 'at-risk', 'warn')],
    };
    expect(adviceNotesOnly(warned)).toBe(false);
    expect(advisesReliabilityFirst(warned)).toBe(true);
    expect(adviceSeverity(warned)).toBe('warning');
    expect(adviceSentence(warned)).toBe(
      'The error budget of “latency” is at risk; “legacy-billing” has no recent data, and its error budget was last known exhausted (\u2212141.3 % of the budget left) as of 2026-11-30 10:05 UTC: put reliability work first; releases may go ahead, with a warning from the error-budget policy.',
    );
    expect(adviceSeverity(blockGate)).toBe('error');
    expect(adviceSeverity({ ...allowGate, decision: 'warn' })).toBe('warning');
  });

  it('names the exhausted SLO and says releases are blocked', () => {
    expect(adviceSentence(blockGate)).toBe(
      'The error budget of “availability” is exhausted: put reliability work first; releases are blocked by the error-budget policy.',
    );
  });

  it('names every SLO by its state when several lead to a warning', () => {
    expect(
      adviceSentence({
        ...allowGate,
        decision: 'warn',
        policyDecision: 'warn',
        reasons: [
          reason('latency', 'at-risk', 'warn'),
          reason('freshness', 'at-risk', 'warn'),
          reason('queue', 'no-data', 'warn'),
        ],
      }),
    ).toBe(
      'The error budget of “latency” and “freshness” are at risk; “queue” has no recent data: put reliability work first; releases may go ahead, with a warning from the error-budget policy.',
    );
  });

  it('says an override lets releases go ahead, and until when', () => {
    expect(
      adviceSentence({
        ...blockGate,
        decision: 'warn',
        override: {
          id: 'o1',
          entityRef: blockGate.entityRef,
          justification: 'hotfix for the outage',
          createdBy: 'user:default/jane',
          createdAt: '2026-11-30T10:00:00.000Z',
          expiresAt: '2026-12-01T10:00:00.000Z',
        },
      }),
    ).toBe(
      'The error budget of “availability” is exhausted: put reliability work first; the error-budget policy blocks releases, but an override lets them go ahead until 2026-12-01 10:00 UTC.',
    );
  });

  it('falls back to the decision in words without a reason', () => {
    expect(
      adviceSentence({
        ...allowGate,
        decision: 'warn',
        policyDecision: 'warn',
      }),
    ).toBe(
      'Warn: releases may go ahead, but reliability work comes first. Put reliability work first; releases may go ahead, with a warning from the error-budget policy.',
    );
  });
  describe('a breached SLO the gate lets through', () => {
    const atRiskItem = {
      ...sloItem,
      id: 'slo:s2',
      key: 'latency',
      title: 'SLO latency is at risk (12.5 % of the budget left)',
      status: 'at-risk',
      priority: 'High',
    };
    const items = [sloItem, ...jiraItems, atRiskItem];
    const policy = allowGate.policy;

    it('still puts reliability work first under exhausted: allow, for information', () => {
      const gate = {
        ...allowGate,
        policy: { ...policy, exhausted: 'allow' as const },
      };
      // Only the exhausted item: the at-risk one leads to the default atRisk: warn, so the gate
      // would not allow it; here it is a backlog read older than the gate.
      expect(allowedBreaches(gate, items).map(b => b.item.key)).toEqual([
        'availability',
      ]);
      expect(hasReleaseAdvice(gate, items)).toBe(true);
      expect(advisesReliabilityFirst(gate)).toBe(false);
      expect(adviceSeverity(gate)).toBe('info');
      expect(adviceTitle(gate, items)).toBe('Put reliability work first');
      expect(adviceSentence(gate, items)).toBe(
        'SLO availability is out of error budget (\u221225 % of the budget left): put reliability work first. The error-budget policy lets releases go ahead (exhausted: allow).',
      );
      // Without the items (a backlog not read yet), there is nothing to advise.
      expect(hasReleaseAdvice(gate)).toBe(false);
    });

    it('names each setting that lets a breach through, once', () => {
      const gate = {
        ...allowGate,
        policy: {
          ...policy,
          exhausted: 'allow' as const,
          atRisk: 'allow' as const,
        },
      };
      expect(adviceSentence(gate, items)).toBe(
        'SLO availability is out of error budget (\u221225 % of the budget left); SLO latency is at risk (12.5 % of the budget left): put reliability work first. The error-budget policy lets releases go ahead (exhausted: allow; atRisk: allow).',
      );
      const twoExhausted = [
        sloItem,
        {
          ...sloItem,
          id: 'slo:s3',
          title: 'SLO freshness is out of error budget',
        },
      ];
      expect(adviceSentence(gate, twoExhausted)).toMatch(
        /\(exhausted: allow\)\.$/,
      );
    });

    it('says when the policy counts only SLOs with some labels', () => {
      const gate = {
        ...allowGate,
        policy: {
          ...policy,
          sloLabels: { tier: 'critical', team: 'payments' },
        },
      };
      expect(adviceSentence(gate, [atRiskItem])).toBe(
        'SLO latency is at risk (12.5 % of the budget left): put reliability work first. The error-budget policy lets releases go ahead (it counts only SLOs labelled tier: critical, team: payments).',
      );
    });

    it('draws no advice from a breach the policy could not have allowed, nor from a tracker item', () => {
      // The default policy counts every SLO and blocks an exhausted one: an allowing gate means
      // the cached backlog is older than the gate.
      expect(allowedBreaches(allowGate, items)).toEqual([]);
      expect(hasReleaseAdvice(allowGate, items)).toBe(false);
      // A tracker's item whose status happens to read "exhausted" is not an SLO.
      const lenient = {
        ...allowGate,
        policy: { ...policy, exhausted: 'allow' as const },
      };
      expect(
        allowedBreaches(lenient, [{ ...jiraItems[0], status: 'exhausted' }]),
      ).toEqual([]);
      // A gate that warns or blocks advises as it always did, not from the items.
      const warned = {
        ...lenient,
        decision: 'warn' as const,
        policyDecision: 'warn' as const,
      };
      expect(allowedBreaches(warned, items)).toEqual([]);
    });

    it('says a noted SLO once, in the note, and any other breach after it', () => {
      const gate = {
        ...allowGate,
        // With labels, an SLO not noted could be one the policy does not count.
        policy: {
          ...policy,
          noData: 'allow' as const,
          exhausted: 'allow' as const,
          sloLabels: { tier: 'critical' },
        },
        notes: [
          {
            slo: { id: 's1', name: 'availability' },
            status: 'no-data' as const,
            explanation: '',
            lastKnown: {
              status: 'exhausted' as const,
              budgetRemaining: -0.25,
              at: '2026-11-30T10:05:00.000Z',
            },
          },
        ],
      };
      const noDataItem = {
        ...sloItem,
        status: 'no-data',
        title:
          'SLO availability has no data now; last known exhausted (\u221225 % of the budget left) as of 2026-11-30 10:05 UTC',
      };
      expect(allowedBreaches(gate, [noDataItem])).toEqual([]);
      expect(adviceTitle(gate, [noDataItem])).toBe(
        'Reliability work may come first',
      );
      const freshness = {
        ...sloItem,
        id: 'slo:s3',
        key: 'freshness',
        title:
          'SLO freshness is out of error budget (\u22123 % of the budget left)',
      };
      expect(adviceTitle(gate, [noDataItem, freshness])).toBe(
        'Put reliability work first',
      );
      expect(adviceSentence(gate, [noDataItem, freshness])).toBe(
        '“availability” has no recent data, and its error budget was last known exhausted (\u221225 % of the budget left) as of 2026-11-30 10:05 UTC: the error-budget policy allows SLOs without data (noData: allow), so releases may go ahead; if it is still so, reliability work comes first. SLO freshness is out of error budget (\u22123 % of the budget left): put reliability work first. The error-budget policy lets releases go ahead (exhausted: allow).',
      );
    });
  });
});
