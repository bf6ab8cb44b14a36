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
