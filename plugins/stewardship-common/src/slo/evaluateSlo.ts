/*
 * Evaluates an SLO from counts the backend fetched: pure, so the backend, the UI and the tests all
 * get the same numbers from the same counts.
 *
 * Order of judgement (the first that applies wins):
 *
 *   window counts null              → no-data `no-series` (a query matched nothing: the SLI is broken)
 *   counts negative / good > total  → no-data `source-error`
 *   total = 0, no time counted      → no-data `excluded` (corrections or the schedule exclude it all)
 *   total = 0                       → no-data `no-traffic`
 *   total < minEvents (default 1)   → no-data `too-few-events`
 *   budget remaining ≤ 0            → `exhausted`
 *   an alert policy fires           → `at-risk`   (long AND short window burn rate > threshold)
 *   otherwise                       → `healthy`
 *
 * With timeslice budgeting the counts are slices (see `countGoodSlices`), and every formula reads the
 * same with "slices" for "events". Formulas are in `errorBudget.ts`; each one applied is also written
 * into `explanation.formulas` with its numbers, so a reader can check the verdict by hand.
 */
import { resolveAlertPolicies } from './alertPolicies';
import { measureBurnRates } from './measureBurnRates';
import { burnWindowKey, burnWindowsFor } from './burnWindows';
import {
  budgetRemaining,
  EXHAUSTION_WINDOW,
  secondsToExhaustion,
} from './errorBudget';
import { formatNumber as n } from './formatNumber';
import { formatCounts } from '../format/formatCounts';
import { formatPercent } from '../format/formatPercent';
import { noDataEvaluation } from './noDataEvaluation';
import { countsBadEvents } from './countsBadEvents';
import { sloWindowAt } from './sloWindow';
import {
  AlertState,
  EventCounts,
  SloDefinition,
  SloEvaluation,
  SloExplanation,
} from './types';
import { windowFormula } from './windowFormula';
import { exhaustionFormula } from './exhaustionFormula';
import { checkCounts } from './checkCounts';
import { countedIntervals } from './countedTime';

/**
 * What {@link evaluateSlo} needs: the SLO and the counts the backend fetched for it.
 *
 * @public
 */
export interface SloEvaluationInput {
  /** The SLO evaluated. */
  slo: SloDefinition;
  /** The moment evaluated as of: the end of the SLO window. */
  at: Date;
  /** When the evaluation ran. */
  evaluatedAt: Date;
  /** Counts over the SLO window (slices with timeslice budgeting); null = a query matched no series. */
  windowCounts: EventCounts | null;
  /**
   * Counts per burn-rate window, keyed as {@link burnWindowsFor} names them (`1h`, `1d`, …);
   * null or absent = unknown.
   */
  burnCounts: Record<string, EventCounts | null>;
  /** The queries sent to the metric source, for the explanation. */
  queries: string[];
  /**
   * Which of `queries` counted each window, when the source says: the SLO window's, and each
   * burn-rate window's by its key. Kept in the explanation as indexes into `queries`
   * ({@link SloExplanation.queryIndexesByWindow}); a query not among `queries` is left out.
   */
  queriesByWindow?: {
    sloWindow: string[];
    burnRates: Record<string, string[]>;
  };
}

/**
 * Evaluates an SLO at `at` from its counts: status, SLI, error budget, burn rates and alerts, with
 * the formulas that produced them.
 *
 * @throws Error when the SLO's time window or alert policies are invalid (stored SLOs are validated).
 * @public
 */
export function evaluateSlo(input: SloEvaluationInput): SloEvaluation {
  const { slo, at } = input;
  const objective = slo.objective;
  const window = sloWindowAt(slo.timeWindow, at);
  const { policies, problems } = resolveAlertPolicies(slo.alertPolicies ?? [], {
    objective,
    periodSeconds: window.periodSeconds,
  });
  if (problems.length > 0) {
    throw new Error(
      `SLO ${slo.id} has invalid alert policies: ${problems
        .map(p => `${p.path}: ${p.message}`)
        .join('; ')}`,
    );
  }

  const unit = slo.budgetingMethod === 'timeslices' ? 'slices' : 'events';
  const noData = (
    reason:
      | 'no-series'
      | 'source-error'
      | 'no-traffic'
      | 'excluded'
      | 'too-few-events',
    message: string,
    counts?: EventCounts,
  ) => noDataEvaluation({ ...input, reason, message, counts });

  if (input.windowCounts === null) {
    return noData('no-series', 'a query matched no series: the SLI is broken');
  }
  const checked = checkCounts(input.windowCounts);
  if ('problem' in checked) {
    return noData(
      'source-error',
      `the metric source returned impossible counts for the SLO window: ${checked.problem}`,
    );
  }
  const { good, total } = checked.counts;
  const minEvents = slo.minEvents ?? 1;
  if (total === 0) {
    const exclusion = wholeWindowExclusion(slo, window);
    return exclusion
      ? noData('excluded', exclusion, checked.counts)
      : noData('no-traffic', `no ${unit} in the SLO window`, checked.counts);
  }
  if (total < minEvents) {
    return noData(
      'too-few-events',
      `${n(total)} ${unit} in the SLO window, fewer than the ${n(
        minEvents,
      )} needed to judge`,
      checked.counts,
    );
  }

  const formulas = [windowFormula(slo.timeWindow, window)];
  if (checked.clamped) {
    formulas.push(
      `good (${n(input.windowCounts.good)}) exceeded total (${n(
        total,
      )}) by extrapolation noise; counted as good = total`,
    );
  }
  if (slo.budgetingMethod === 'timeslices' && slo.timeslice) {
    formulas.push(
      `counting ${
        slo.timeslice.duration
      } slices with traffic; a slice is good when its good / total ≥ ${n(
        slo.timeslice.target,
      )}`,
    );
  }

  const sli = good / total;
  const remaining = budgetRemaining(sli, objective);
  const allowedBad = (1 - objective) * total;
  const bad = total - good;
  // A bad/total SLI's queries count bad and total events: good is derived, and says so, so no
  // reader takes the first query for the good count; its bad count is the query's, not derived.
  const badEvents = countsBadEvents(slo);
  if (badEvents) {
    formulas.push(`good = total − bad = ${n(total)} − ${n(bad)} = ${n(good)}`);
  }
  formulas.push(
    `SLI = good / total = ${n(good)} / ${n(total)} = ${n(sli)}`,
    `budget remaining = 1 − (1 − SLI) / (1 − objective) = 1 − (1 − ${n(
      sli,
    )}) / (1 − ${n(objective)}) = ${n(remaining)}`,
    `budget consumed = 1 − remaining = ${n(1 - remaining)}`,
    `allowed bad = (1 − objective) × total = (1 − ${n(objective)}) × ${n(
      total,
    )} = ${n(allowedBad)}`,
    badEvents
      ? `bad = ${n(bad)}, as the SLI's bad-events query counted it`
      : `bad = total − good = ${n(total)} − ${n(good)} = ${n(bad)}`,
  );

  const burnRates = measureBurnRates(
    burnWindowsFor(policies),
    input.burnCounts,
    objective,
    formulas,
    badEvents,
  );
  const rates = new Map(burnRates.map(b => [b.window, b.burnRate]));

  const alerts = policies.map((policy): AlertState => {
    const longBurnRate = rates.get(burnWindowKey(policy.longWindow));
    const shortBurnRate = rates.get(burnWindowKey(policy.shortWindow));
    const threshold = policy.burnRate;
    const firing =
      longBurnRate !== undefined &&
      shortBurnRate !== undefined &&
      longBurnRate > threshold &&
      shortBurnRate > threshold;
    const compare = (rate: number | undefined) =>
      rate === undefined
        ? 'unknown'
        : `${n(rate)} ${rate > threshold ? '>' : '≤'} ${n(threshold)}`;
    formulas.push(
      policy.budgetFraction === undefined
        ? `${policy.name} threshold = ${n(threshold)} (as written)`
        : `${
            policy.name
          } threshold = budget fraction × period / long window = ${n(
            policy.budgetFraction,
          )} × ${n(window.periodSeconds)} s / ${policy.longWindow} = ${n(
            threshold,
          )}`,
      `${policy.name} ${firing ? 'fires' : 'is quiet'}: burn rate ${
        policy.longWindow
      } ${compare(longBurnRate)}, burn rate ${policy.shortWindow} ${compare(
        shortBurnRate,
      )}`,
    );
    return {
      policy,
      firing,
      ...(longBurnRate !== undefined && { longBurnRate }),
      ...(shortBurnRate !== undefined && { shortBurnRate }),
    };
  });

  const exhaustionBurnRate = rates.get(EXHAUSTION_WINDOW);
  const toExhaustion = secondsToExhaustion(remaining, exhaustionBurnRate, {
    type: slo.timeWindow.type,
    periodSeconds: window.periodSeconds,
    elapsedFraction: window.elapsedFraction,
  });
  formulas.push(
    exhaustionFormula(
      slo.timeWindow.type,
      window,
      remaining,
      exhaustionBurnRate,
      toExhaustion,
    ),
  );

  const firing = alerts.filter(a => a.firing).map(a => a.policy.name);
  let status: SloEvaluation['status'];
  let reason: string;
  if (remaining <= 0) {
    status = 'exhausted';
    // A sentence for a page, its counts written as the SLOs tab's rows write them; the formulas
    // keep them exact.
    const [badText, allowedText] = formatCounts([bad, allowedBad]);
    reason = `The error budget is spent: ${badText} bad ${
      badText === '1' ? unit.slice(0, -1) : unit
    } against ${allowedText} allowed.`;
  } else if (firing.length > 0) {
    status = 'at-risk';
    reason = `Burning the error budget too fast: ${firing.join(', ')} ${
      firing.length === 1 ? 'fires' : 'fire'
    }.`;
  } else {
    status = 'healthy';
    // As the SLOs tab writes the budget left: one decimal, never 0 % or 100 % unless exactly.
    reason = `${formatPercent(
      remaining,
      1,
    )} of the error budget left and no alert policy fires.`;
  }
  // The rule that decided it, with the figures it compared: exhausted when no budget is left,
  // else at-risk when an alert policy fires, else healthy.
  formulas.push(
    status === 'exhausted'
      ? `status = exhausted, as budget remaining = ${n(remaining)} ≤ 0`
      : `status = ${status}, as budget remaining = ${n(remaining)} > 0 and ${
          firing.length === 0
            ? 'no alert policy fires'
            : `${firing.join(', ')} ${firing.length === 1 ? 'fires' : 'fire'}`
        }`,
  );

  return {
    sloId: slo.id,
    sloVersion: slo.version,
    entityRef: slo.entityRef,
    at: at.toISOString(),
    evaluatedAt: input.evaluatedAt.toISOString(),
    status,
    reason,
    window: {
      start: window.start.toISOString(),
      end: window.end.toISOString(),
    },
    sli,
    counts: { good, total },
    objective,
    errorBudget: {
      remaining,
      consumed: 1 - remaining,
      allowedBad,
      bad,
      ...(toExhaustion !== undefined && { secondsToExhaustion: toExhaustion }),
      ...(slo.timeWindow.type === 'calendar' && {
        windowElapsed: window.elapsedFraction,
      }),
    },
    burnRates,
    alerts,
    explanation: {
      queries: input.queries,
      ...(input.queriesByWindow && {
        queryIndexesByWindow: indexQueries(
          input.queries,
          input.queriesByWindow,
        ),
      }),
      formulas,
    },
  };
}

/**
 * Why none of the SLO window is counted, when none is: its corrections exclude all of it, or it
 * lies wholly outside the SLO's schedule. Undefined when some of it counts (then zero events is a
 * quiet service) and for an empty window (a calendar month at its first instant).
 */
function wholeWindowExclusion(
  slo: SloDefinition,
  window: { start: Date; end: Date },
): string | undefined {
  const { schedule, corrections } = slo;
  if (!schedule && !corrections?.length) return undefined;
  if (window.end.getTime() <= window.start.getTime()) return undefined;
  if (countedIntervals(window, { schedule, corrections }).length > 0) {
    return undefined;
  }
  const resumes =
    'so there is nothing to judge until counted time enters it (when a correction ends, or is deleted)';
  if (!schedule) {
    return `corrections exclude the whole SLO window, ${resumes}`;
  }
  const hours = `${schedule.days.join(', ')} ${schedule.from}–${schedule.to} ${
    schedule.timeZone
  }`;
  return countedIntervals(window, { schedule }).length > 0
    ? `corrections exclude every scheduled hour (${hours}) of the SLO window, ${resumes}`
    : `the whole SLO window lies outside the SLO's schedule (${hours}), so there is nothing to judge until its next scheduled hours`;
}

/** The queries per window as indexes into `queries`, each window's in its own order. */
function indexQueries(
  queries: string[],
  byWindow: NonNullable<SloEvaluationInput['queriesByWindow']>,
): NonNullable<SloExplanation['queryIndexesByWindow']> {
  const indexOf = new Map<string, number>();
  queries.forEach((query, index) => {
    if (!indexOf.has(query)) indexOf.set(query, index);
  });
  const indexes = (sent: string[]) =>
    sent.flatMap(query => {
      const index = indexOf.get(query);
      return index === undefined ? [] : [index];
    });
  return {
    sloWindow: indexes(byWindow.sloWindow),
    burnRates: Object.fromEntries(
      Object.entries(byWindow.burnRates).map(([window, sent]) => [
        window,
        indexes(sent),
      ]),
    ),
  };
}
