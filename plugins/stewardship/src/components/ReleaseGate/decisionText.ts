import {
  ReleaseGate,
  ReleaseGateDecision,
} from '@stewardship/backstage-plugin-stewardship-common';

/** The decision in words: what the team may do. Never told by the icon's colour alone. */
export const DECISION_TEXT: Record<ReleaseGateDecision, string> = {
  allow: 'Allow: releases may go ahead.',
  warn: 'Warn: releases may go ahead, but reliability work comes first.',
  block:
    'Block: no releases until the error budget recovers (or an override is granted).',
};

/**
 * Whether the gate warns or blocks only because it cannot judge: every reason is an SLO without
 * recent data (never evaluated, too old to trust, or `no-data`, which a quiet service with no
 * traffic gets too), none a spent or burning budget. Reliability work is then not what the
 * policy asks for: the SLOs have to be made judgeable (a broken query, a source that is down) or
 * traffic has to come.
 */
export function gateCannotJudge(gate: ReleaseGate | undefined): boolean {
  return (
    gate !== undefined &&
    gate.decision !== 'allow' &&
    gate.reasons.length > 0 &&
    gate.reasons.every(r => r.status !== 'exhausted' && r.status !== 'at-risk')
  );
}

/** The gate's decision in words, saying so when it only cannot judge ({@link gateCannotJudge}). */
export function decisionText(gate: ReleaseGate): string {
  if (!gateCannotJudge(gate)) return DECISION_TEXT[gate.decision];
  return gate.decision === 'block'
    ? 'Block: no releases until every counted SLO has recent data (or an override is granted).'
    : 'Warn: releases may go ahead, but the gate cannot judge every SLO: some have no recent data.';
}
