import {
  AlertPolicySpec,
  AlertSeverity,
  BudgetAlertPolicySpec,
  parseDuration,
} from '@stewardship/backstage-plugin-stewardship-common';
import { sameValue } from './sameValue';

/**
 * One "X % of the budget within D" alert policy row. `shortWindow` and `name` are optional in
 * the spec: empty here means absent (the backend derives them).
 */
export interface BudgetPolicyRow {
  severity: AlertSeverity;
  budgetPercent: string;
  within: string;
  shortWindow: string;
  name: string;
}

/**
 * The alert policies as the form holds them. `preset`: the SRE Workbook preset alone. `budget`:
 * the rows, and the preset too when `presetToo`. `custom`: policies the form cannot edit (in
 * burn-rate terms), kept exactly as written; the rows and `presetToo` then hold what of them is
 * in budget terms, so that choosing rows starts from those.
 */
export interface AlertPolicyState {
  alertMode: 'preset' | 'budget' | 'custom';
  budgetPolicies: BudgetPolicyRow[];
  presetToo: boolean;
  customPolicies: AlertPolicySpec[];
}

/** The longest policy name the backend takes (`AlertPolicySpec` in its openapi.yaml). */
const MAX_POLICY_NAME_LENGTH = 100;

const DURATION = /^([0-9]+[smhdw])+$/;

/** An empty row, as Add policy adds it. */
export function emptyPolicyRow(severity: AlertSeverity): BudgetPolicyRow {
  return { severity, budgetPercent: '', within: '', shortWindow: '', name: '' };
}

function toRow(spec: BudgetAlertPolicySpec): BudgetPolicyRow {
  return {
    severity: spec.severity,
    budgetPercent: String(spec.budgetPercent),
    within: spec.within,
    shortWindow: spec.shortWindow ?? '',
    name: spec.name ?? '',
  };
}

const isPreset = (spec: AlertPolicySpec) => 'preset' in spec;
const inBudgetTerms = (spec: AlertPolicySpec): spec is BudgetAlertPolicySpec =>
  'budgetPercent' in spec && !('burnRate' in spec);

/**
 * A stored SLO's alert policies as the form holds them: none or only the preset is `preset`;
 * rows in budget terms, with the preset among them or not, are `budget`; anything else (a
 * policy in burn-rate terms, the preset twice) is `custom`, kept as written.
 */
export function alertPolicyState(
  policies: AlertPolicySpec[],
): AlertPolicyState {
  const budgetTerms = policies.filter(inBudgetTerms);
  const presets = policies.filter(isPreset).length;
  const state: AlertPolicyState = {
    alertMode: 'custom',
    budgetPolicies: budgetTerms.length
      ? budgetTerms.map(toRow)
      : [emptyPolicyRow('page')],
    presetToo: presets > 0 && budgetTerms.length > 0,
    customPolicies: [],
  };
  if (presets === policies.length) {
    state.alertMode = 'preset';
  } else if (presets <= 1 && budgetTerms.length + presets === policies.length) {
    state.alertMode = 'budget';
  } else {
    state.customPolicies = policies;
  }
  return state;
}

function rowToSpec(row: BudgetPolicyRow): BudgetAlertPolicySpec {
  const spec: BudgetAlertPolicySpec = {
    severity: row.severity,
    budgetPercent: Number(row.budgetPercent),
    within: row.within,
  };
  if (row.shortWindow.trim()) spec.shortWindow = row.shortWindow.trim();
  if (row.name.trim()) spec.name = row.name.trim();
  return spec;
}

/**
 * The alert policies to send. Left as the stored SLO (`stored`) has them when the form holds them
 * unchanged, so that an edit of something else rewrites none of them (their order, an empty list
 * meaning the preset). The preset goes after the rows, so that a server's problem with row i,
 * `alertPolicies[i]`, is that row's.
 */
export function toAlertPolicies(
  state: AlertPolicyState,
  stored?: AlertPolicySpec[],
): AlertPolicySpec[] {
  if (stored && sameValue(pickPolicyState(state), alertPolicyState(stored))) {
    return stored;
  }
  if (state.alertMode === 'custom') return state.customPolicies;
  if (state.alertMode === 'preset') return [{ preset: 'sre-workbook' }];
  const rows: AlertPolicySpec[] = state.budgetPolicies.map(rowToSpec);
  return state.presetToo ? [...rows, { preset: 'sre-workbook' }] : rows;
}

function pickPolicyState(state: AlertPolicyState): AlertPolicyState {
  const { alertMode, budgetPolicies, presetToo, customPolicies } = state;
  return { alertMode, budgetPolicies, presetToo, customPolicies };
}

function isPercent(text: string): boolean {
  if (text.trim() === '') return false;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 && value <= 100;
}

/**
 * The problems of one row, joined, or undefined. `percentProblem` words a refused percentage
 * (it knows the decimal comma).
 */
export function policyRowProblem(
  row: BudgetPolicyRow,
  percentProblem: (text: string, expected: string) => string,
): string | undefined {
  const problems = [];
  if (!isPercent(row.budgetPercent)) {
    problems.push(
      `budget: ${percentProblem(
        row.budgetPercent,
        'a percentage greater than 0, at most 100',
      ).replace(/^Write/, 'write')}`,
    );
  }
  const withinOk = DURATION.test(row.within);
  if (!withinOk) problems.push('within: a duration such as 24h');
  const short = row.shortWindow.trim();
  if (short && !DURATION.test(short)) {
    problems.push('short window: a duration such as 5m, or empty');
  } else if (
    short &&
    withinOk &&
    parseDuration(short)! >= parseDuration(row.within)!
  ) {
    problems.push(`short window: must be shorter than ${row.within}`);
  }
  if (row.name.trim().length > MAX_POLICY_NAME_LENGTH) {
    problems.push(`name: at most ${MAX_POLICY_NAME_LENGTH} characters`);
  }
  return problems.length ? problems.join('; ') : undefined;
}
