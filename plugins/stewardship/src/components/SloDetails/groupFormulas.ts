import { SloEvaluation } from '@stewardship/backstage-plugin-stewardship-common';

/** The figure groups of the "why this number" panels. */
export type FormulaGroup = 'sli' | 'budget' | 'burnRates' | 'status';

/**
 * Sorts the backend's explanation lines into the figure they explain, by the way each line starts
 * (the backend writes `window = …`, `good = total − bad = …` for an SLI counting bad events,
 * `SLI = …`, `budget remaining = …`, `burn rate 1h = …`, `<policy> threshold = …`). The lines themselves are never changed, and a line that matches no
 * group goes to `status`, so every line is shown exactly once.
 */
export function groupFormulas(
  evaluation: SloEvaluation,
): Record<FormulaGroup, string[]> {
  const groups: Record<FormulaGroup, string[]> = {
    sli: [],
    budget: [],
    burnRates: [],
    status: [],
  };
  const policyNames = evaluation.alerts.map(a => `${a.policy.name} `);
  for (const formula of evaluation.explanation.formulas) {
    groups[groupOf(formula, policyNames)].push(formula);
  }
  return groups;
}

function groupOf(formula: string, policyNames: string[]): FormulaGroup {
  const starts = (...prefixes: string[]) =>
    prefixes.some(p => formula.startsWith(p));
  if (starts('window =', 'SLI =', 'good =', 'good (', 'counting ', 'counts:')) {
    return 'sli';
  }
  if (starts('budget ', 'allowed bad', 'bad =', 'time to exhaustion')) {
    return 'budget';
  }
  if (starts('burn rate ', ...policyNames)) {
    return 'burnRates';
  }
  return 'status';
}
