import {
  allowGate,
  blockGate,
  gateReason,
} from '../../__testUtils__/backlogFixtures';
import {
  adviceSentence,
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
});
