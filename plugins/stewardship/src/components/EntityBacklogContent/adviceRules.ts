import {
  ReleaseGate,
  ReleaseGateReason,
} from '@stewardship/backstage-plugin-stewardship-common';
import { DECISION_TEXT, gateCannotJudge } from '../ReleaseGate';
import { formatInstant } from '../formatSlo';

/**
 * Whether the error-budget policy asks the team to put reliability work first: it warns or
 * blocks, and not only because it cannot judge some SLOs ({@link gateCannotJudge}).
 */
export function advisesReliabilityFirst(
  gate: ReleaseGate | undefined,
): boolean {
  return (
    gate !== undefined && gate.decision !== 'allow' && !gateCannotJudge(gate)
  );
}

/** Whether the gate has advice for the team: reliability work first, or SLOs to look at. */
export function hasReleaseAdvice(gate: ReleaseGate | undefined): boolean {
  return advisesReliabilityFirst(gate) || gateCannotJudge(gate);
}

function names(reasons: ReleaseGateReason[]): string {
  const quoted = reasons.map(r => `“${r.slo.name}”`);
  return quoted.length <= 1
    ? quoted.join('')
    : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

function why(reasons: ReleaseGateReason[]): string[] {
  const exhausted = reasons.filter(r => r.status === 'exhausted');
  const atRisk = reasons.filter(r => r.status === 'at-risk');
  const noData = reasons.filter(
    r => r.status !== 'exhausted' && r.status !== 'at-risk',
  );
  const parts: string[] = [];
  if (exhausted.length > 0) {
    parts.push(
      `The error budget of ${names(exhausted)} ${
        exhausted.length === 1 ? 'is' : 'are'
      } exhausted`,
    );
  }
  if (atRisk.length > 0) {
    parts.push(
      `${parts.length ? 'the' : 'The'} error budget of ${names(atRisk)} ${
        atRisk.length === 1 ? 'is' : 'are'
      } at risk`,
    );
  }
  if (noData.length > 0) {
    parts.push(
      `${names(noData)} ${noData.length === 1 ? 'has' : 'have'} no recent data`,
    );
  }
  return parts;
}

/**
 * The advice in one sentence, e.g. “The error budget of “availability” is exhausted: put
 * reliability work first; releases are blocked by the error-budget policy.”
 */
export function adviceSentence(gate: ReleaseGate): string {
  let consequence: string;
  if (gate.decision === 'block') {
    consequence = 'releases are blocked by the error-budget policy';
  } else if (gate.policyDecision === 'block' && gate.override) {
    consequence = `the error-budget policy blocks releases, but an override lets them go ahead until ${formatInstant(
      gate.override.expiresAt,
    )}`;
  } else {
    consequence =
      'releases may go ahead, with a warning from the error-budget policy';
  }
  const parts = why(gate.reasons);
  if (gateCannotJudge(gate)) {
    const one = gate.reasons.length === 1;
    return `${parts.join(
      '; ',
    )}, so the error-budget policy cannot tell whether ${
      one ? 'its budget is' : 'their budgets are'
    } spent: open the SLOs tab to see why (a broken query, a metric source that is down, or no traffic in the window); ${consequence}.`;
  }
  if (parts.length === 0) {
    return `${
      DECISION_TEXT[gate.decision]
    } Put reliability work first; ${consequence}.`;
  }
  return `${parts.join('; ')}: put reliability work first; ${consequence}.`;
}
