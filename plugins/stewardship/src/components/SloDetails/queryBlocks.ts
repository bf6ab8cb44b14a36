import {
  EXHAUSTION_WINDOW,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { FormulaGroup } from './groupFormulas';

/** Queries shown together in a "why this number" panel, under a heading when there are several. */
export interface QueryBlock {
  /** Which window the queries counted, when the panel shows more than one window's. */
  heading?: string;
  /** The queries, numbered through the panel (the numbers name the copy and source buttons). */
  queries: Array<{ query: string; number: number }>;
}

const burnHeading = (window: string) => `Burn rate over ${window}`;

/**
 * The queries behind one panel's figures. When the source said which queries counted which
 * window (`explanation.queryIndexesByWindow`), the SLI shows the SLO window's; the budget those
 * and, while budget is left, the 1 h burn rate's (the time to exhaustion divides by it); the burn
 * rates each window's under its name; and the status, which weighs the budget and the alerts, all
 * of them. Otherwise every query served every figure and every panel shows all.
 */
export function queryBlocks(
  group: FormulaGroup,
  evaluation: SloEvaluation,
): QueryBlock[] {
  const { queries, queryIndexesByWindow: indexes } = evaluation.explanation;
  // An index past the queries (a malformed stored evaluation) names no query: left out.
  const textsAt = (at: number[]) =>
    at.flatMap(i => (i in queries ? [queries[i]] : []));
  const byWindow = indexes && {
    sloWindow: textsAt(indexes.sloWindow),
    burnRates: Object.fromEntries(
      Object.entries(indexes.burnRates).map(([window, at]) => [
        window,
        textsAt(at),
      ]),
    ),
  };
  let blocks: Array<{ heading?: string; queries: string[] }>;
  if (!byWindow || group === 'status') {
    blocks = [{ queries }];
  } else if (group === 'burnRates') {
    blocks = Object.entries(byWindow.burnRates).map(([window, sent]) => ({
      heading: burnHeading(window),
      queries: sent,
    }));
  } else if (
    group === 'budget' &&
    (evaluation.errorBudget?.remaining ?? 0) > 0
  ) {
    blocks = [
      { heading: 'SLO window', queries: byWindow.sloWindow },
      {
        heading: `${burnHeading(EXHAUSTION_WINDOW)} (time to exhaustion)`,
        queries: byWindow.burnRates[EXHAUSTION_WINDOW] ?? [],
      },
    ];
  } else {
    blocks = [{ queries: byWindow.sloWindow }];
  }
  let number = 0;
  return blocks
    .filter(block => block.queries.length > 0)
    .map(block => ({
      ...(block.heading && { heading: block.heading }),
      queries: block.queries.map(query => ({ query, number: ++number })),
    }));
}
