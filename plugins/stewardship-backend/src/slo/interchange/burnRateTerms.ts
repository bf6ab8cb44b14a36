/*
 * OpenSLO alert conditions only know burn-rate thresholds, so the export writes every policy in
 * burn-rate terms and the import turns them back. Budget terms become
 * threshold = budget fraction × period ÷ within (the SRE Workbook's formula). This is computed here
 * rather than shared with the evaluation so that the file format does not shift when the engine's
 * resolution does.
 */
import {
  AlertPolicySpec,
  AlertSeverity,
  formatDuration,
  parseDuration,
  SloTimeWindow,
} from '@stewardship/backstage-plugin-stewardship-common';

/** An alert policy in burn-rate terms, with the budget terms it came from when there were any. */
export interface BurnRateTerms {
  name?: string;
  severity: AlertSeverity;
  burnRate: number;
  longWindow: string;
  shortWindow: string;
  budgetPercent?: number;
  within?: string;
  /** True when written as `shortWindow` rather than defaulted to `within ÷ 12`. */
  explicitShortWindow?: boolean;
}

/** The SRE Workbook preset in budget terms (The Site Reliability Workbook, ch. 5, table 5-8). */
export const SRE_WORKBOOK_POLICIES = [
  { name: 'page-fast-burn', severity: 'page', budgetPercent: 2, within: '1h' },
  { name: 'page-slow-burn', severity: 'page', budgetPercent: 5, within: '6h' },
  {
    name: 'ticket-slow-burn',
    severity: 'ticket',
    budgetPercent: 10,
    within: '3d',
  },
] as const;

const DAY = 86400;

/**
 * The length of a window in seconds for burn-rate thresholds. Calendar windows vary in length, so
 * a month counts as 30 days and a quarter as 91, whatever the current one is.
 */
export function windowPeriodSeconds(window: SloTimeWindow): number | undefined {
  if (window.type === 'rolling') return parseDuration(window.duration);
  return window.unit === 'month' ? 30 * DAY : 91 * DAY;
}

/** Rounds away floating-point noise (0.02 × 2592000 ÷ 3600 = 14.400000000000002). */
export function roundBurnRate(value: number): number {
  return Number(value.toPrecision(12));
}

/** The default short window of a long window: a twelfth, as in the SRE Workbook. */
export function defaultShortWindow(longWindow: string): string | undefined {
  const seconds = parseDuration(longWindow);
  return seconds === undefined ? undefined : formatDuration(seconds / 12);
}

/** A budget-terms policy's burn-rate threshold for a period. */
export function budgetBurnRate(
  budgetPercent: number,
  within: string,
  periodSeconds: number,
): number | undefined {
  const withinSeconds = parseDuration(within);
  return withinSeconds === undefined
    ? undefined
    : roundBurnRate(((budgetPercent / 100) * periodSeconds) / withinSeconds);
}

/** One written policy (any form) in burn-rate terms; the preset gives three. */
export function toBurnRateTerms(
  policy: AlertPolicySpec,
  periodSeconds: number,
): BurnRateTerms[] {
  if ('preset' in policy) {
    return SRE_WORKBOOK_POLICIES.flatMap(p =>
      toBurnRateTerms(p, periodSeconds),
    );
  }
  if ('burnRate' in policy) {
    const { name, severity, burnRate, longWindow, shortWindow } = policy;
    return [{ name, severity, burnRate, longWindow, shortWindow }];
  }
  const { name, severity, budgetPercent, within, shortWindow } = policy;
  return [
    {
      name,
      severity,
      burnRate: budgetBurnRate(budgetPercent, within, periodSeconds) ?? NaN,
      longWindow: within,
      shortWindow: shortWindow ?? defaultShortWindow(within) ?? within,
      budgetPercent,
      within,
      explicitShortWindow: shortWindow !== undefined,
    },
  ];
}
