/*
 * The error-budget policy and the release gate: whether an entity may ship, decided from its
 * SLOs' latest stored statuses. The decision is the strictest one any counted SLO leads to.
 */
import type { SloDefinition, SloEvaluation, SloStatus } from '../slo/types';
import { compareText, formatInstant, formatPercent } from '../format';

/**
 * What the gate answers, weakest first: `allow` (ship), `warn` (ship, but reliability work
 * first), `block` (do not ship until the budget recovers, unless overridden).
 *
 * @public
 */
export type ReleaseGateDecision = 'allow' | 'warn' | 'block';

/** All decisions, weakest first. @public */
export const RELEASE_GATE_DECISIONS: readonly ReleaseGateDecision[] = [
  'allow',
  'warn',
  'block',
];

/**
 * The error-budget policy (config `stewardship.errorBudgetPolicy`, overridable per entity by
 * annotation):
 *
 * - `exhausted`, `atRisk`, `noData`: the decision an SLO in that state leads to. `noData` also
 *   covers an SLO never evaluated or whose latest evaluation is stale: `allow` fails open,
 *   `block` fails closed. `healthy` always allows.
 * - `noSlos`: the decision when no SLO counts (none defined, or none matches `sloLabels`).
 * - `sloLabels`: only SLOs carrying all these labels count (e.g. `tier: critical`); empty: all.
 *
 * @public
 */
export interface ErrorBudgetPolicy {
  /** The decision when a counted SLO is exhausted. */
  exhausted: ReleaseGateDecision;
  /** The decision when a counted SLO is at risk (an alert policy fires). */
  atRisk: ReleaseGateDecision;
  /** The decision when a counted SLO has no data, was never evaluated or is stale. */
  noData: ReleaseGateDecision;
  /** The decision when no SLO counts. */
  noSlos: ReleaseGateDecision;
  /** Only SLOs carrying all these labels count; empty: all do. */
  sloLabels: Record<string, string>;
}

/** The default policy: any exhausted SLO blocks; at risk and no data warn. @public */
export const DEFAULT_ERROR_BUDGET_POLICY: ErrorBudgetPolicy = {
  exhausted: 'block',
  atRisk: 'warn',
  noData: 'warn',
  noSlos: 'allow',
  sloLabels: {},
};

/**
 * Why the gate decided as it did: one per counted SLO that leads to more than `allow`.
 * `status` is the SLO's status, or `stale` when its latest evaluation is too old to trust.
 *
 * @public
 */
export interface ReleaseGateReason {
  /** The SLO. */
  slo: { id: string; name: string };
  /** Its status as of the gate's moment, or `stale`. */
  status: SloStatus | 'stale';
  /** The decision the policy maps that status to. */
  decision: ReleaseGateDecision;
  /** Error budget remaining (a fraction, negative when overspent), when known. */
  budgetRemaining?: number;
  /** The names of its alert policies that fire. */
  firingPolicies: string[];
  /** One sentence for people and CI logs. */
  explanation: string;
  /**
   * For a `no-data` or `stale` reason: the SLO's last known evaluated state, from its latest
   * snapshot as of the gate's moment whose status is not `no-data`; absent when there is none
   * (never evaluated, or every snapshot kept is `no-data`). It never changes the decision.
   */
  lastKnown?: ReleaseGateLastKnown;
}

/**
 * An SLO's last known evaluated state: its latest snapshot, as of a moment, whose status is not
 * `no-data`.
 *
 * @public
 */
export interface ReleaseGateLastKnown {
  /** Its status then. */
  status: Exclude<SloStatus, 'no-data'>;
  /** Error budget remaining then (a fraction, negative when overspent), when known. */
  budgetRemaining?: number;
  /** ISO time the snapshot is as of. */
  at: string;
}

/**
 * An override of a `block`: it turns `block` into `warn` until it expires, and never hides the
 * reasons.
 *
 * @public
 */
export interface ReleaseGateOverride {
  /** Its id (a UUID). */
  id: string;
  /** The entity whose gate it overrides. */
  entityRef: string;
  /** Why the release may go ahead. */
  justification: string;
  /** Who granted it: a user entity ref or a service's subject. */
  createdBy: string;
  /** ISO time it was granted (and took effect). */
  createdAt: string;
  /** ISO time it ends. */
  expiresAt: string;
}

/**
 * `GET entities/{ref}/release-gate`.
 *
 * - `decision`: after any override; `policyDecision`: what the policy alone decided.
 * - `countedSlos`: how many SLOs the policy counted.
 * - `policy`: the policy applied (the configured one with the entity's annotations).
 *
 * @public
 */
export interface ReleaseGate {
  /** The entity. */
  entityRef: string;
  /** The answer, after an active override. */
  decision: ReleaseGateDecision;
  /** What the policy alone decided. */
  policyDecision: ReleaseGateDecision;
  /** One per counted SLO leading to more than `allow`, strictest first. */
  reasons: ReleaseGateReason[];
  /** How many SLOs the policy counted. */
  countedSlos: number;
  /**
   * How many of the counted SLOs the policy let through without data (`noData: allow`): no
   * data, never evaluated, or stale. Absent when there is none. When it equals `countedSlos`,
   * the gate allows without having measured anything.
   */
  countedWithoutData?: number;
  /** The policy applied. */
  policy: ErrorBudgetPolicy;
  /** The override in force, when the policy blocks and one is. */
  override?: ReleaseGateOverride;
  /** ISO time the gate answers for (`at`, default now). */
  evaluatedAt: string;
  /**
   * For the gate of now: the ISO time from which this answer may no longer hold though nothing
   * new is stored (the earliest moment a counted SLO's latest evaluation grows stale, or the
   * override in force ends); a page showing it reads it again then. Absent for a past moment
   * and when time alone changes nothing.
   */
  validUntil?: string;
  /** Policy annotations on the entity that could not be applied, and why. */
  policyProblems?: string[];
  /**
   * Counted SLOs the policy lets through without data (`noData: allow`) whose last known state
   * was a spent or burning budget, by name: for people and CI logs to read, never a reason and
   * never a change to the decision. Absent when there is none.
   */
  notes?: ReleaseGateNote[];
}

/**
 * A counted SLO without data (`no-data`, never evaluated, or `stale`) that the policy allows
 * (`noData: allow`), last known exhausted or at risk: the gate allows it, as the policy says, and
 * says what it was last known to be.
 *
 * @public
 */
export interface ReleaseGateNote {
  /** The SLO. */
  slo: { id: string; name: string };
  /** Its status as of the gate's moment (`no-data`, also when never evaluated), or `stale`. */
  status: 'no-data' | 'stale';
  /** One sentence, as a reason's (e.g. `"availability" has no data: Prometheus answered 503`). */
  explanation: string;
  /** Its last known evaluated state: exhausted or at risk. */
  lastKnown: ReleaseGateLastKnown & { status: 'exhausted' | 'at-risk' };
}

/** One SLO as the gate sees it: its definition, latest snapshot (if any) and staleness. @public */
export interface ReleaseGateInput {
  /** The SLO. */
  slo: Pick<SloDefinition, 'id' | 'name' | 'labels'>;
  /** Its latest snapshot as of the gate's moment; absent when never evaluated. */
  evaluation?: Pick<
    SloEvaluation,
    'status' | 'reason' | 'errorBudget' | 'alerts' | 'at'
  >;
  /** True when that snapshot is too old to trust. */
  stale: boolean;
}

const strictest = (a: ReleaseGateDecision, b: ReleaseGateDecision) =>
  RELEASE_GATE_DECISIONS.indexOf(a) >= RELEASE_GATE_DECISIONS.indexOf(b)
    ? a
    : b;

/**
 * Budget left as the SLOs tab's row writes it (one decimal, typographic minus, never 0 % or
 * 100 % unless exactly), so a reason and the row it is about read the same figure.
 */
const percent = (fraction: number) => formatPercent(fraction, 1);

/** Whether the policy counts an SLO: it carries every label of `sloLabels`. @public */
export function countsForGate(
  policy: ErrorBudgetPolicy,
  slo: Pick<SloDefinition, 'labels'>,
): boolean {
  return Object.entries(policy.sloLabels).every(
    ([key, value]) => slo.labels?.[key] === value,
  );
}

/**
 * The policy's decision over an entity's SLOs (before overrides): the strictest decision any
 * counted SLO leads to, with a reason for each counted SLO that leads to more than `allow`.
 *
 * @public
 */
export function decideReleaseGate(
  inputs: readonly ReleaseGateInput[],
  policy: ErrorBudgetPolicy,
): {
  decision: ReleaseGateDecision;
  reasons: ReleaseGateReason[];
  countedSlos: number;
} {
  const counted = inputs.filter(input => countsForGate(policy, input.slo));
  if (counted.length === 0) {
    return { decision: policy.noSlos, reasons: [], countedSlos: 0 };
  }
  let decision: ReleaseGateDecision = 'allow';
  const reasons: ReleaseGateReason[] = [];
  for (const { slo, evaluation, stale } of counted) {
    const reason = reasonFor(slo, evaluation, stale, policy);
    if (reason.decision === 'allow') continue;
    decision = strictest(decision, reason.decision);
    reasons.push(reason);
  }
  // Strictest first, so a CI log starts with what blocks.
  reasons.sort(
    (a, b) =>
      RELEASE_GATE_DECISIONS.indexOf(b.decision) -
        RELEASE_GATE_DECISIONS.indexOf(a.decision) ||
      compareText(a.slo.name, b.slo.name),
  );
  return { decision, reasons, countedSlos: counted.length };
}

/**
 * The counted SLOs without data (`no-data`, never evaluated, or `stale`) that the policy allows
 * (`noData: allow`), as `allow` reasons by name: they are not in {@link decideReleaseGate}'s
 * reasons. The gate reads their last known states and keeps, as its notes, those that were
 * exhausted or at risk. Empty when the policy does not allow SLOs without data.
 *
 * @public
 */
export function allowedWithoutData(
  inputs: readonly ReleaseGateInput[],
  policy: ErrorBudgetPolicy,
): ReleaseGateReason[] {
  if (policy.noData !== 'allow') return [];
  return inputs
    .filter(input => countsForGate(policy, input.slo))
    .map(({ slo, evaluation, stale }) =>
      reasonFor(slo, evaluation, stale, policy),
    )
    .filter(reason => reason.status === 'no-data' || reason.status === 'stale')
    .sort((a, b) => compareText(a.slo.name, b.slo.name));
}

/**
 * A last known state that was a spent or burning budget (`exhausted`, `at-risk`), or undefined.
 *
 * @public
 */
export function lastKnownBreach(
  lastKnown: ReleaseGateLastKnown | undefined,
): (ReleaseGateLastKnown & { status: 'exhausted' | 'at-risk' }) | undefined {
  return lastKnown?.status === 'exhausted' || lastKnown?.status === 'at-risk'
    ? (lastKnown as ReleaseGateLastKnown & {
        status: 'exhausted' | 'at-risk';
      })
    : undefined;
}

function reasonFor(
  slo: ReleaseGateInput['slo'],
  evaluation: ReleaseGateInput['evaluation'],
  stale: boolean,
  policy: ErrorBudgetPolicy,
): ReleaseGateReason {
  const base = { slo: { id: slo.id, name: slo.name } };
  const firingPolicies = (evaluation?.alerts ?? [])
    .filter(alert => alert.firing)
    .map(alert => alert.policy.name);
  const budgetRemaining = evaluation?.errorBudget?.remaining;
  const budget = budgetRemaining === undefined ? {} : { budgetRemaining };
  if (!evaluation || stale) {
    return {
      ...base,
      status: evaluation ? 'stale' : 'no-data',
      decision: policy.noData,
      firingPolicies: [],
      explanation: evaluation
        ? `"${slo.name}" was last evaluated as of ${formatInstant(
            evaluation.at,
          )}, too long ago to trust.`
        : `"${slo.name}" has never been evaluated.`,
    };
  }
  switch (evaluation.status) {
    case 'exhausted':
      return {
        ...base,
        ...budget,
        status: 'exhausted',
        decision: policy.exhausted,
        firingPolicies,
        // Without a budget figure the status alone says it is spent; no figure is made up.
        explanation: `"${slo.name}" has spent its error budget${
          budgetRemaining === undefined
            ? ''
            : ` (${percent(budgetRemaining)} left)`
        }.`,
      };
    case 'at-risk':
      return {
        ...base,
        ...budget,
        status: 'at-risk',
        decision: policy.atRisk,
        firingPolicies,
        explanation: `"${
          slo.name
        }" burns its budget too fast: ${firingPolicies.join(', ')} firing${
          budgetRemaining === undefined
            ? ''
            : `, ${percent(budgetRemaining)} left`
        }.`,
      };
    case 'no-data':
      return {
        ...base,
        status: 'no-data',
        decision: policy.noData,
        firingPolicies,
        explanation: `"${slo.name}" has no data${
          evaluation.reason ? `: ${evaluation.reason}` : '.'
        }`,
      };
    default:
      return {
        ...base,
        ...budget,
        status: 'healthy',
        decision: 'allow',
        firingPolicies,
        explanation: `"${slo.name}" is healthy.`,
      };
  }
}

const LAST_KNOWN_STATUS_TEXT: Record<ReleaseGateLastKnown['status'], string> = {
  healthy: 'healthy',
  'at-risk': 'at risk',
  exhausted: 'exhausted',
};

/** A last known state in words (see {@link explanationWithLastKnown}). */
function lastKnownText(lastKnown: ReleaseGateLastKnown): string {
  const budget =
    lastKnown.budgetRemaining === undefined
      ? ''
      : ` (${percent(lastKnown.budgetRemaining)} of the budget left)`;
  return `Last known: ${
    LAST_KNOWN_STATUS_TEXT[lastKnown.status]
  }${budget} as of ${formatInstant(lastKnown.at)}.`;
}

/**
 * A reason's explanation followed, when it has one, by its SLO's last known state in words, as
 * the CI text and the entity page write it, e.g. after a no-data explanation:
 * _Last known: exhausted (−141.3 % of the budget left) as of 2026-11-30 10:05 UTC._ The budget
 * reads as in the reasons, the moment to the minute in UTC; an explanation ending without a full
 * stop (a source's answer quoted last) gets one first.
 *
 * @public
 */
export function explanationWithLastKnown(
  reason: Pick<ReleaseGateReason, 'explanation' | 'lastKnown'>,
): string {
  if (!reason.lastKnown) return reason.explanation;
  const explanation = /[.!?]$/.test(reason.explanation)
    ? reason.explanation
    : `${reason.explanation}.`;
  return `${explanation} ${lastKnownText(reason.lastKnown)}`;
}

/**
 * A note in one sentence, as the CI text and the entity page write it: its explanation and last
 * known state ({@link explanationWithLastKnown}), then that the policy allows it, e.g.
 * _"availability" has no data: Prometheus answered 503. Last known: exhausted (−141.3 % of the
 * budget left) as of 2026-11-30 10:05 UTC. The error-budget policy allows SLOs without data
 * (noData: allow), so it does not hold releases back._
 *
 * @public
 */
export function releaseGateNoteText(
  note: Pick<ReleaseGateNote, 'explanation' | 'lastKnown'>,
): string {
  return `${explanationWithLastKnown(
    note,
  )} The error-budget policy allows SLOs without data (noData: allow), so it does not hold releases back.`;
}

/**
 * Applies an active override: `block` becomes `warn`; `allow` and `warn` are unchanged.
 *
 * @public
 */
export function applyOverride(
  decision: ReleaseGateDecision,
  override: ReleaseGateOverride | undefined,
): ReleaseGateDecision {
  return override && decision === 'block' ? 'warn' : decision;
}
