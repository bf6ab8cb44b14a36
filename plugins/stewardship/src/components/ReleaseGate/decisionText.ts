import {
  ReleaseGate,
  ReleaseGateDecision,
  lastKnownBreach,
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

/** Quoted names joined in words: `“a”`, `“a” and “b”`, `“a”, “b” and “c”`. */
export function quotedNames(names: readonly string[]): string {
  const quoted = names.map(name => `“${name}”`);
  return quoted.length <= 1
    ? quoted.join('')
    : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/**
 * The SLOs without data whose last known state was a spent or burning budget, in words, e.g.
 * `“availability” was last known exhausted and “latency” at risk`: of the reasons without data,
 * and of the notes (SLOs the policy allows without data). Empty when there is none.
 */
export function lastKnownBreachesText(gate: ReleaseGate): string {
  const known = [
    ...gate.reasons
      .filter(r => r.status === 'no-data' || r.status === 'stale')
      .map(r => ({
        name: r.slo.name,
        lastKnown: lastKnownBreach(r.lastKnown),
      })),
    ...(gate.notes ?? []).map(n => ({
      name: n.slo.name,
      lastKnown: n.lastKnown,
    })),
  ];
  const exhausted = known
    .filter(k => k.lastKnown?.status === 'exhausted')
    .map(k => k.name);
  const atRisk = known
    .filter(k => k.lastKnown?.status === 'at-risk')
    .map(k => k.name);
  const were = (names: string[]) => (names.length === 1 ? 'was' : 'were');
  if (exhausted.length > 0 && atRisk.length > 0) {
    return `${quotedNames(exhausted)} ${were(
      exhausted,
    )} last known exhausted and ${quotedNames(atRisk)} at risk`;
  }
  if (exhausted.length > 0) {
    return `${quotedNames(exhausted)} ${were(exhausted)} last known exhausted`;
  }
  if (atRisk.length > 0) {
    return `${quotedNames(atRisk)} ${were(atRisk)} last known at risk`;
  }
  return '';
}

/**
 * The gate's decision in words, saying so when it only cannot judge ({@link gateCannotJudge}),
 * and then which of those SLOs were last known exhausted or at risk (the Backlog's advice reads
 * them as reliability work first, so the two tell one story). An allowing gate with notes (SLOs
 * the policy allows without data, last known spent or burning) names them too.
 */
export function decisionText(gate: ReleaseGate): string {
  const breaches = lastKnownBreachesText(gate);
  if (gate.decision === 'allow' && breaches) {
    return `Allow: releases may go ahead, as the policy allows SLOs without recent data; but ${breaches}.`;
  }
  if (!gateCannotJudge(gate)) return DECISION_TEXT[gate.decision];
  if (gate.decision === 'block') {
    return breaches
      ? `Block: no releases until every counted SLO has recent data (or an override is granted); ${breaches}, so reliability work comes first.`
      : 'Block: no releases until every counted SLO has recent data (or an override is granted).';
  }
  return breaches
    ? `Warn: releases may go ahead, but the gate cannot judge every SLO: some have no recent data, and ${breaches}, so reliability work comes first.`
    : 'Warn: releases may go ahead, but the gate cannot judge every SLO: some have no recent data.';
}
