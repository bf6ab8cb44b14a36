import {
  allowGate,
  blockGate,
  gateReason,
} from '../../__testUtils__/backlogFixtures';
import { decisionText, gateCannotJudge } from './decisionText';

const reason = gateReason;

const quietWarn = {
  ...allowGate,
  decision: 'warn' as const,
  policyDecision: 'warn' as const,
  reasons: [reason('queue', 'no-data', 'warn'), reason('api', 'stale', 'warn')],
};

describe('decisionText', () => {
  it('cannot judge when every reason is an SLO without recent data, and says so', () => {
    expect(gateCannotJudge(quietWarn)).toBe(true);
    expect(decisionText(quietWarn)).toBe(
      'Warn: releases may go ahead, but the gate cannot judge every SLO: some have no recent data.',
    );
    const quietBlock = {
      ...quietWarn,
      decision: 'block' as const,
      policyDecision: 'block' as const,
    };
    expect(decisionText(quietBlock)).toBe(
      'Block: no releases until every counted SLO has recent data (or an override is granted).',
    );
  });

  it('names the SLOs without data last known exhausted or at risk, so the card and the advice tell one story', () => {
    const known = (status: 'exhausted' | 'at-risk' | 'healthy') => ({
      status,
      at: '2026-11-30T10:05:00.000Z',
    });
    const outage = {
      ...quietWarn,
      reasons: [
        {
          ...reason('availability', 'no-data', 'warn'),
          lastKnown: known('exhausted'),
        },
        reason('queue', 'no-data', 'warn'),
      ],
    };
    expect(gateCannotJudge(outage)).toBe(true);
    expect(decisionText(outage)).toBe(
      'Warn: releases may go ahead, but the gate cannot judge every SLO: some have no recent data, and “availability” was last known exhausted, so reliability work comes first.',
    );
    const outageBlock = {
      ...outage,
      decision: 'block' as const,
      policyDecision: 'block' as const,
      reasons: [
        {
          ...reason('availability', 'no-data', 'block'),
          lastKnown: known('exhausted'),
        },
        {
          ...reason('checkout', 'stale', 'block'),
          lastKnown: known('exhausted'),
        },
        {
          ...reason('latency', 'no-data', 'block'),
          lastKnown: known('at-risk'),
        },
        // Last known healthy: not a breach, not named.
        { ...reason('queue', 'no-data', 'block'), lastKnown: known('healthy') },
      ],
    };
    expect(decisionText(outageBlock)).toBe(
      'Block: no releases until every counted SLO has recent data (or an override is granted); “availability” and “checkout” were last known exhausted and “latency” at risk, so reliability work comes first.',
    );
    // An allowing gate's notes (noData: allow) are named too; the decision stays allow.
    const noted = {
      ...allowGate,
      notes: [
        {
          slo: { id: 'latency', name: 'latency' },
          status: 'stale' as const,
          explanation: '',
          lastKnown: known('at-risk') as { status: 'at-risk'; at: string },
        },
      ],
    };
    expect(decisionText(noted)).toBe(
      'Allow: releases may go ahead, as the policy allows SLOs without recent data; but “latency” was last known at risk.',
    );
  });

  it('keeps the budget wording when any reason is a spent or burning budget', () => {
    const mixed = {
      ...quietWarn,
      reasons: [...quietWarn.reasons, reason('latency', 'at-risk', 'warn')],
    };
    expect(gateCannotJudge(mixed)).toBe(false);
    expect(decisionText(mixed)).toBe(
      'Warn: releases may go ahead, but reliability work comes first.',
    );
    expect(gateCannotJudge(blockGate)).toBe(false);
    expect(decisionText(blockGate)).toBe(
      'Block: no releases until the error budget recovers (or an override is granted).',
    );
  });

  it('judges an allowing gate, and a gate without reasons, by its decision alone', () => {
    expect(gateCannotJudge(undefined)).toBe(false);
    expect(gateCannotJudge(allowGate)).toBe(false);
    expect(decisionText(allowGate)).toBe('Allow: releases may go ahead.');
    const bare = { ...allowGate, decision: 'warn' as const };
    expect(gateCannotJudge(bare)).toBe(false);
    expect(decisionText(bare)).toBe(
      'Warn: releases may go ahead, but reliability work comes first.',
    );
  });
});
