/*
 * Turns the alert policies written on an SLO into burn-rate terms the engine can evaluate.
 *
 * Budget terms, "alert when p % of the budget burns within w" (Google SRE Workbook, ch. 5):
 *
 *   threshold    = (p / 100) × period / w
 *   short window = w / 12   (unless given)
 *
 * because a burn rate of 1 spends the whole budget in one period, so spending the fraction p/100
 * within w takes a burn rate of (p/100) × period / w. The workbook's 14.4 / 6 / 1 are exactly these
 * for a 30-day period; for other periods the thresholds follow (7 days: 3.36 / 1.4 / 0.2333…).
 *
 * Burn-rate terms are used as written. A threshold above 1 / (1 − objective), the burn rate when every
 * event fails, could never fire, so it is a problem rather than a silent no-op alert.
 */
import { formatDuration, parseDuration } from './durations';
import { maxBurnRate } from './errorBudget';
import { formatNumber } from './formatNumber';
import { AlertPolicySpec, AlertSeverity, ResolvedAlertPolicy } from './types';

/**
 * An alert policy in budget terms: `budgetPercent` % of the budget within `within`.
 *
 * @public
 */
export type BudgetAlertPolicySpec = Extract<
  AlertPolicySpec,
  { budgetPercent: number }
>;

/**
 * The Google SRE Workbook's multiwindow, multi-burn-rate policies in budget terms: page when 2 % of
 * the budget burns within 1 h (checked over 5 m too) or 5 % within 6 h (30 m), open a ticket when
 * 10 % burns within 3 d (6 h). An SLO without alert policies uses these.
 *
 * @public
 */
export const SRE_WORKBOOK_POLICIES: readonly BudgetAlertPolicySpec[] = [
  { severity: 'page', budgetPercent: 2, within: '1h', shortWindow: '5m' },
  { severity: 'page', budgetPercent: 5, within: '6h', shortWindow: '30m' },
  { severity: 'ticket', budgetPercent: 10, within: '3d', shortWindow: '6h' },
];

/**
 * One thing wrong with an SLO's alert policies.
 *
 * @public
 */
export interface AlertPolicyProblem {
  /** Where, e.g. `alertPolicies[1].burnRate`. */
  path: string;
  /** What is wrong, in a sentence. */
  message: string;
}

/**
 * The outcome of {@link resolveAlertPolicies}: the policies that resolved, and the problems of the
 * rest.
 *
 * @public
 */
export interface AlertPolicyResolution {
  /** The policies that resolved, in burn-rate terms. */
  policies: ResolvedAlertPolicy[];
  /** What is wrong with the others; empty when all resolved. */
  problems: AlertPolicyProblem[];
}

const SEVERITIES: readonly AlertSeverity[] = ['page', 'ticket'];

/**
 * Resolves an SLO's alert policies to burn-rate thresholds for its period. Empty `specs` means the
 * {@link SRE_WORKBOOK_POLICIES} preset. Nothing is deduplicated: every policy written is kept.
 *
 * @param options - `objective` in (0, 1) and a positive `periodSeconds`, already validated (throws otherwise).
 * @public
 */
export function resolveAlertPolicies(
  specs: AlertPolicySpec[],
  options: { objective: number; periodSeconds: number },
): AlertPolicyResolution {
  const { objective, periodSeconds } = options;
  if (!(objective > 0 && objective < 1)) {
    throw new Error(
      `Invalid objective ${objective}: expected 0 < objective < 1`,
    );
  }
  if (!(periodSeconds > 0)) {
    throw new Error(
      `Invalid SLO period ${periodSeconds}: expected seconds > 0`,
    );
  }

  const context: Context = {
    periodSeconds,
    // Tolerates float noise: 1 / (1 − 0.99) is 99.99999999999991, yet a threshold of 100 is valid.
    maxBurnRate: maxBurnRate(objective) * (1 + 1e-9),
    objective,
    policies: [],
    problems: [],
  };

  if (specs.length === 0) {
    resolvePreset(context, 'alertPolicies');
  }
  specs.forEach((spec, index) => {
    const path = `alertPolicies[${index}]`;
    if (typeof spec !== 'object' || spec === null) {
      context.problems.push({ path, message: 'must be an object' });
    } else if ('preset' in spec) {
      if (spec.preset === 'sre-workbook') {
        resolvePreset(context, path);
      } else {
        context.problems.push({
          path: `${path}.preset`,
          message: `unknown preset "${String(
            spec.preset,
          )}": expected sre-workbook`,
        });
      }
    } else if ('budgetPercent' in spec && 'burnRate' in spec) {
      context.problems.push({
        path,
        message:
          'give either budgetPercent and within, or burnRate, longWindow and shortWindow, not both',
      });
    } else if ('budgetPercent' in spec) {
      context.problems.push(...resolveBudgetTerms(context, spec, path));
    } else if ('burnRate' in spec) {
      context.problems.push(...resolveBurnRateTerms(context, spec, path));
    } else {
      context.problems.push({
        path,
        message:
          'expected { preset }, { severity, budgetPercent, within } or { severity, burnRate, longWindow, shortWindow }',
      });
    }
  });

  return { policies: context.policies, problems: context.problems };
}

interface Context extends AlertPolicyResolution {
  periodSeconds: number;
  objective: number;
  maxBurnRate: number;
}

type BurnRatePolicySpec = Extract<AlertPolicySpec, { burnRate: number }>;

/**
 * The preset's policies that can fire for this objective. A low objective (below ~93 % over 30
 * days) has a maximum burn rate under the preset's fast-page threshold; that policy could never
 * fire, so it is left out rather than making every such SLO invalid. Policies the user writes are
 * still rejected when they could never fire: those are theirs to fix.
 */
function resolvePreset(context: Context, path: string) {
  for (const spec of SRE_WORKBOOK_POLICIES) {
    const trial: Context = { ...context, policies: [], problems: [] };
    const problems = resolveBudgetTerms(trial, spec, path);
    if (problems.length === 0) {
      context.policies.push(...trial.policies);
    }
  }
}

/** Adds the policy to `context` when it resolves; returns its problems otherwise. */
function resolveBudgetTerms(
  context: Context,
  spec: BudgetAlertPolicySpec,
  path: string,
): AlertPolicyProblem[] {
  const problems = checkCommon(spec, path);
  const percent = spec.budgetPercent;
  const percentOk =
    typeof percent === 'number' && percent > 0 && percent <= 100;
  if (!percentOk) {
    problems.push({
      path: `${path}.budgetPercent`,
      message: `must be a number in (0, 100], got ${String(percent)}`,
    });
  }
  const withinSeconds = checkDuration(spec.within, `${path}.within`, problems);

  let shortWindow = spec.shortWindow;
  if (shortWindow === undefined && withinSeconds !== undefined) {
    const shortSeconds = Math.round(withinSeconds / 12);
    if (shortSeconds < 1) {
      problems.push({
        path: `${path}.within`,
        message: `${spec.within} is too short to derive a short window (within / 12); give shortWindow`,
      });
    } else {
      shortWindow = formatDuration(shortSeconds);
    }
  } else if (shortWindow !== undefined) {
    const shortSeconds = checkDuration(
      shortWindow,
      `${path}.shortWindow`,
      problems,
    );
    checkShorter(shortSeconds, withinSeconds, path, problems);
  }

  if (percentOk && withinSeconds !== undefined) {
    // One division of exact products, so 30 days give exactly 14.4, not 14.400000000000002.
    const burnRate = (percent * context.periodSeconds) / (100 * withinSeconds);
    if (burnRate > context.maxBurnRate) {
      problems.push({
        path: `${path}.budgetPercent`,
        message: `needs burn rate ${formatNumber(
          burnRate,
        )}, above the maximum ${formatNumber(
          maxBurnRate(context.objective),
        )} for objective ${
          context.objective
        } (every event failing), so it could never fire`,
      });
    }
    if (problems.length === 0 && shortWindow !== undefined) {
      context.policies.push({
        name: spec.name ?? `${spec.severity}-${spec.within}`,
        severity: spec.severity,
        burnRate,
        longWindow: spec.within,
        shortWindow,
        budgetFraction: percent / 100,
      });
    }
  }
  return problems;
}

/** Adds the policy to `context` when it resolves; returns its problems otherwise. */
function resolveBurnRateTerms(
  context: Context,
  spec: BurnRatePolicySpec,
  path: string,
): AlertPolicyProblem[] {
  const problems = checkCommon(spec, path);
  const burnRate = spec.burnRate;
  if (
    typeof burnRate !== 'number' ||
    !Number.isFinite(burnRate) ||
    burnRate <= 0
  ) {
    problems.push({
      path: `${path}.burnRate`,
      message: `must be a number above 0, got ${String(burnRate)}`,
    });
  } else if (burnRate > context.maxBurnRate) {
    problems.push({
      path: `${path}.burnRate`,
      message: `${burnRate} is above the maximum burn rate ${formatNumber(
        maxBurnRate(context.objective),
      )} for objective ${
        context.objective
      } (every event failing), so it could never fire`,
    });
  }
  const longSeconds = checkDuration(
    spec.longWindow,
    `${path}.longWindow`,
    problems,
  );
  const shortSeconds = checkDuration(
    spec.shortWindow,
    `${path}.shortWindow`,
    problems,
  );
  checkShorter(shortSeconds, longSeconds, path, problems);

  if (problems.length === 0) {
    context.policies.push({
      name: spec.name ?? `${spec.severity}-${spec.longWindow}`,
      severity: spec.severity,
      burnRate,
      longWindow: spec.longWindow,
      shortWindow: spec.shortWindow,
    });
  }
  return problems;
}

/** Checks the fields both written forms share; stored JSON may hold anything. */
function checkCommon(
  spec: { name?: unknown; severity?: unknown },
  path: string,
): AlertPolicyProblem[] {
  const problems: AlertPolicyProblem[] = [];
  if (!SEVERITIES.includes(spec.severity as AlertSeverity)) {
    problems.push({
      path: `${path}.severity`,
      message: `must be page or ticket, got ${String(spec.severity)}`,
    });
  }
  if (
    spec.name !== undefined &&
    (typeof spec.name !== 'string' || spec.name.trim() === '')
  ) {
    problems.push({
      path: `${path}.name`,
      message: 'must be a non-empty string',
    });
  }
  return problems;
}

function checkDuration(
  text: string,
  path: string,
  problems: AlertPolicyProblem[],
): number | undefined {
  const seconds = parseDuration(text);
  if (seconds === undefined) {
    problems.push({
      path,
      message: `must be a duration such as 5m, 1h or 3d, got ${String(text)}`,
    });
  }
  return seconds;
}

function checkShorter(
  shortSeconds: number | undefined,
  longSeconds: number | undefined,
  path: string,
  problems: AlertPolicyProblem[],
) {
  if (
    shortSeconds !== undefined &&
    longSeconds !== undefined &&
    shortSeconds >= longSeconds
  ) {
    problems.push({
      path: `${path}.shortWindow`,
      message: 'must be shorter than the long window',
    });
  }
}
