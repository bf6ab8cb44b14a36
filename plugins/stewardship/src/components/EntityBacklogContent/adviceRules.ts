import {
  BacklogItem,
  ReleaseGate,
  ReleaseGateLastKnown,
  ReleaseGateNote,
  ReleaseGateReason,
  formatPercent,
} from '@stewardship/backstage-plugin-stewardship-common';
import { DECISION_TEXT, gateCannotJudge, quotedNames } from '../ReleaseGate';
import { formatInstant } from '../formatSlo';

/**
 * The last known state of a reason without data (`no-data` or `stale`) when that state was a
 * spent or burning budget (`exhausted`, `at-risk`): the advice reads the reason as that state,
 * as the Backlog keeps the SLO's item through a metric-source outage.
 */
function lastKnownBreach(
  reason: ReleaseGateReason,
): ReleaseGateLastKnown | undefined {
  const { status, lastKnown } = reason;
  return (status === 'no-data' || status === 'stale') &&
    (lastKnown?.status === 'exhausted' || lastKnown?.status === 'at-risk')
    ? lastKnown
    : undefined;
}

/**
 * Whether the advice is only to look at SLOs the gate cannot judge: the gate cannot
 * ({@link gateCannotJudge}), and no SLO without data was last known exhausted or at risk (one
 * that was counts as it was, so reliability work stays first through a source outage).
 */
export function adviceCannotJudge(gate: ReleaseGate | undefined): boolean {
  return (
    gateCannotJudge(gate) &&
    !gate!.reasons.some(reason => lastKnownBreach(reason) !== undefined)
  );
}

/**
 * Whether the error-budget policy asks the team to put reliability work first: it warns or
 * blocks, and not only because it cannot judge some SLOs ({@link adviceCannotJudge}).
 */
export function advisesReliabilityFirst(
  gate: ReleaseGate | undefined,
): boolean {
  return (
    gate !== undefined && gate.decision !== 'allow' && !adviceCannotJudge(gate)
  );
}

/**
 * Whether the gate allows and only notes SLOs without data that were last known exhausted or at
 * risk (`noData: allow`): the advice then says so, for information; the policy asks nothing.
 */
export function adviceNotesOnly(gate: ReleaseGate | undefined): boolean {
  return (
    gate !== undefined &&
    gate.decision === 'allow' &&
    (gate.notes?.length ?? 0) > 0
  );
}

/**
 * A breached SLO the Backlog lists (its built-in item) that the gate lets through, and the
 * policy's setting that lets it through.
 */
export interface AllowedBreach {
  item: BacklogItem;
  /** `exhausted: allow`, `atRisk: allow`, or the labels the policy counts. */
  allowedBy: string;
}

/**
 * The breached SLOs (the Backlog's built-in SLO items, `slo:<id>`) that the gate allows: an
 * exhausted budget under `exhausted: allow`, one at risk under `atRisk: allow`, or an SLO the
 * policy may not count because it counts only some labels. A budget spent or burning still puts
 * reliability work first (the product's error-budget policy), even when releases may go ahead.
 * An SLO the gate already notes (`noData: allow`) is said there. Under a policy that counts
 * every SLO and allows no breach, the gate cannot allow a breached SLO, so such an item is only
 * a backlog read older than the gate (backlog answers are cached): no advice is drawn from it.
 * With labels the items cannot say whether their SLO counts (they carry no labels), so a breach
 * the policy does count, read before it ended, is named with the labels too, until the cache
 * turns over.
 */
export function allowedBreaches(
  gate: ReleaseGate | undefined,
  items: readonly BacklogItem[],
): AllowedBreach[] {
  if (gate === undefined || gate.decision !== 'allow') return [];
  const { policy } = gate;
  const noted = new Set((gate.notes ?? []).map(note => `slo:${note.slo.id}`));
  const labels = Object.entries(policy.sloLabels)
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ');
  return items.flatMap(item => {
    if (item.provider !== 'slos' || noted.has(item.id)) return [];
    let allowedBy: string | undefined;
    if (item.status === 'exhausted' && policy.exhausted === 'allow') {
      allowedBy = 'exhausted: allow';
    } else if (item.status === 'at-risk' && policy.atRisk === 'allow') {
      allowedBy = 'atRisk: allow';
    } else if (labels) {
      allowedBy = `it counts only SLOs labelled ${labels}`;
    }
    return allowedBy ? [{ item, allowedBy }] : [];
  });
}

/**
 * Whether the gate has advice for the team: reliability work first, SLOs to look at, SLOs the
 * policy allows without data that were last known spent or burning, or breached SLOs the
 * policy lets through ({@link allowedBreaches}).
 */
export function hasReleaseAdvice(
  gate: ReleaseGate | undefined,
  items: readonly BacklogItem[] = [],
): boolean {
  return (
    advisesReliabilityFirst(gate) ||
    adviceCannotJudge(gate) ||
    adviceNotesOnly(gate) ||
    allowedBreaches(gate, items).length > 0
  );
}

/** The advice's severity: an error when the gate blocks, information when it allows. */
export function adviceSeverity(
  gate: ReleaseGate,
): 'error' | 'warning' | 'info' {
  if (gate.decision === 'block') return 'error';
  return gate.decision === 'allow' ? 'info' : 'warning';
}

/** The advice's heading. */
export function adviceTitle(
  gate: ReleaseGate,
  items: readonly BacklogItem[] = [],
): string {
  if (adviceCannotJudge(gate)) return 'Look at the SLOs the gate cannot judge';
  if (adviceNotesOnly(gate) && allowedBreaches(gate, items).length === 0) {
    return 'Reliability work may come first';
  }
  return 'Put reliability work first';
}

function names(reasons: Array<Pick<ReleaseGateReason, 'slo'>>): string {
  return quotedNames(reasons.map(r => r.slo.name));
}

/** An SLO without recent data and its last known spent or burning budget, in words. */
function lastKnownPart(name: string, known: ReleaseGateLastKnown): string {
  return `“${name}” has no recent data, and its error budget was last known ${
    known.status === 'exhausted' ? 'exhausted' : 'at risk'
  }${
    known.budgetRemaining === undefined
      ? ''
      : ` (${formatPercent(known.budgetRemaining, 1)} of the budget left)`
  } as of ${formatInstant(known.at)}`;
}

function why(
  reasons: ReleaseGateReason[],
  notes: readonly ReleaseGateNote[] = [],
): string[] {
  const exhausted = reasons.filter(r => r.status === 'exhausted');
  const atRisk = reasons.filter(r => r.status === 'at-risk');
  const lastKnown = reasons.filter(r => lastKnownBreach(r) !== undefined);
  const noData = reasons.filter(
    r =>
      r.status !== 'exhausted' &&
      r.status !== 'at-risk' &&
      lastKnownBreach(r) === undefined,
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
  for (const reason of lastKnown) {
    parts.push(lastKnownPart(reason.slo.name, lastKnownBreach(reason)!));
  }
  // Allowed without data by the policy, but last known spent or burning: said as those above.
  for (const note of notes) {
    parts.push(lastKnownPart(note.slo.name, note.lastKnown));
  }
  if (noData.length > 0) {
    parts.push(
      `${names(noData)} ${noData.length === 1 ? 'has' : 'have'} no recent data`,
    );
  }
  return parts;
}

/** Breached SLOs the gate lets through, in words, with the policy's settings that do. */
function allowedBreachesSentence(breaches: readonly AllowedBreach[]): string {
  const settings = [...new Set(breaches.map(b => b.allowedBy))].join('; ');
  return `${breaches
    .map(b => b.item.title)
    .join(
      '; ',
    )}: put reliability work first. The error-budget policy lets releases go ahead (${settings}).`;
}

/**
 * The advice in one sentence, e.g. “The error budget of “availability” is exhausted: put
 * reliability work first; releases are blocked by the error-budget policy.”
 */
export function adviceSentence(
  gate: ReleaseGate,
  items: readonly BacklogItem[] = [],
): string {
  const breaches = allowedBreaches(gate, items);
  if (breaches.length > 0) {
    const breachesSentence = allowedBreachesSentence(breaches);
    return adviceNotesOnly(gate)
      ? `${notesOnlySentence(gate)} ${breachesSentence}`
      : breachesSentence;
  }
  if (adviceNotesOnly(gate)) return notesOnlySentence(gate);
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
  const parts = why(gate.reasons, gate.notes);
  if (adviceCannotJudge(gate)) {
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

/** The advice when the gate allows and only notes SLOs without data last known spent or burning. */
function notesOnlySentence(gate: ReleaseGate): string {
  const one = gate.notes!.length === 1;
  return `${why(gate.reasons, gate.notes).join(
    '; ',
  )}: the error-budget policy allows SLOs without data (noData: allow), so releases may go ahead; if ${
    one ? 'it is' : 'they are'
  } still so, reliability work comes first.`;
}
