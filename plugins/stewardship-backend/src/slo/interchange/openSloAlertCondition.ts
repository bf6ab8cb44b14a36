import {
  AlertSeverity,
  parseDuration,
} from '@stewardship/backstage-plugin-stewardship-common';
import { ANNOTATIONS } from './annotations';
import {
  BurnRateTerms,
  budgetBurnRate,
  defaultShortWindow,
} from './burnRateTerms';
import { OpenSloAlertConditionSpec, OpenSloMetadata } from './openSloTypes';
import { below, DocumentPath, SpecDraft } from './SpecDraft';

// OpenSLO leaves severities free-form; these are the common words for "wake someone up" and
// "look at it during working hours".
const SEVERITIES: Record<string, AlertSeverity> = {
  page: 'page',
  critical: 'page',
  high: 'page',
  urgent: 'page',
  emergency: 'page',
  ticket: 'ticket',
  warning: 'ticket',
  medium: 'ticket',
  low: 'ticket',
  info: 'ticket',
};

/**
 * Converts one AlertCondition (`at` is its path) into a burn-rate policy, or into the budget-terms
 * policy it was exported from when its annotations say so and its threshold still matches them (an
 * edited threshold wins). `alertAfter` is not read: our engine alerts as soon as both windows burn.
 */
export function openSloAlertCondition(
  spec: OpenSloAlertConditionSpec,
  at: DocumentPath,
  draft: SpecDraft,
  context: {
    name?: string;
    annotations: NonNullable<OpenSloMetadata['annotations']>;
    periodSeconds?: number;
  },
): { policy: Record<string, unknown>; terms: BurnRateTerms } | undefined {
  const here = (...keys: PropertyKey[]) => below(at, 'spec', ...keys);
  const { kind, op, threshold, lookbackWindow } = spec.condition;
  const severity = SEVERITIES[spec.severity.toLowerCase()];
  const problems: Array<[DocumentPath, string]> = [];
  if (kind.toLowerCase() !== 'burnrate') {
    problems.push([
      here('condition', 'kind'),
      'Only burnrate conditions are supported',
    ]);
  }
  if (op !== 'gt' && op !== 'gte') {
    problems.push([
      here('condition', 'op'),
      'A burn-rate alert fires above its threshold: use gt or gte',
    ]);
  }
  if (parseDuration(lookbackWindow) === undefined) {
    problems.push([
      here('condition', 'lookbackWindow'),
      `"${lookbackWindow}" is not a duration such as 1h or 3d`,
    ]);
  }
  if (!severity) {
    problems.push([
      here('severity'),
      `Unknown severity "${spec.severity}"; use ${Object.keys(SEVERITIES).join(
        ', ',
      )}`,
    ]);
  }
  problems.forEach(([where, message]) => draft.problem(where, message));
  if (problems.length) return undefined;

  const { annotations, periodSeconds, name } = context;
  const writtenShort = annotations[ANNOTATIONS.shortWindow];
  const terms: BurnRateTerms = {
    ...(name ? { name } : {}),
    severity,
    burnRate: threshold,
    longWindow: lookbackWindow,
    shortWindow: writtenShort ?? defaultShortWindow(lookbackWindow)!,
  };
  const budgetPercent = Number(annotations[ANNOTATIONS.budgetPercent]);
  const within = annotations[ANNOTATIONS.within];
  const budgetRate =
    within !== undefined &&
    periodSeconds !== undefined &&
    parseDuration(within) === parseDuration(lookbackWindow)
      ? budgetBurnRate(budgetPercent, within, periodSeconds)
      : undefined;
  // Only when the threshold still is the annotated budget's: an edited threshold wins.
  if (
    budgetRate !== undefined &&
    Math.abs(budgetRate - threshold) <= 1e-9 * threshold
  ) {
    const policy = {
      ...(name ? { name } : {}),
      severity,
      budgetPercent,
      within,
      ...(writtenShort ? { shortWindow: writtenShort } : {}),
    };
    return { policy, terms };
  }
  const { longWindow, shortWindow } = terms;
  const policy = {
    ...(name ? { name } : {}),
    severity,
    burnRate: threshold,
    longWindow,
    shortWindow,
  };
  return { policy, terms };
}
