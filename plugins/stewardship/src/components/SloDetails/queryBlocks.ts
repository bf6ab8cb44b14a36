import {
  EXHAUSTION_WINDOW,
  EventCounts,
  SliSpec,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { FormulaGroup } from './groupFormulas';
import { CountName, countNamesOf, countOf } from './queryCounts';

/** Queries shown together in a "why this number" panel, under a heading when there are several. */
export interface QueryBlock {
  /** Which window the queries counted, when the panel shows more than one window's. */
  heading?: string;
  /**
   * The queries, numbered through the panel (the numbers name the copy and source buttons), each
   * with what it counts when the SLI is known (`counts`) and, when it alone counted that over the
   * block's window, the number it returned (`value`).
   */
  queries: Array<{
    query: string;
    number: number;
    counts?: CountName;
    value?: number;
  }>;
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
  sli?: SliSpec,
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
  const burnCounts = (window: string) =>
    evaluation.burnRates.find(b => b.window === window)?.counts;
  // `counts`: the window the block's queries counted, when it is one window.
  let blocks: Array<{
    heading?: string;
    queries: string[];
    counts?: EventCounts;
  }>;
  if (!byWindow || group === 'status') {
    blocks = [{ queries }];
  } else if (group === 'burnRates') {
    blocks = Object.entries(byWindow.burnRates).map(([window, sent]) => ({
      heading: burnHeading(window),
      queries: sent,
      counts: burnCounts(window),
    }));
  } else if (
    group === 'budget' &&
    (evaluation.errorBudget?.remaining ?? 0) > 0
  ) {
    blocks = [
      {
        heading: 'SLO window',
        queries: byWindow.sloWindow,
        counts: evaluation.counts,
      },
      {
        heading: `${burnHeading(EXHAUSTION_WINDOW)} (time to exhaustion)`,
        queries: byWindow.burnRates[EXHAUSTION_WINDOW] ?? [],
        counts: burnCounts(EXHAUSTION_WINDOW),
      },
    ];
  } else {
    blocks = [{ queries: byWindow.sloWindow, counts: evaluation.counts }];
  }
  let number = 0;
  return blocks
    .filter(block => block.queries.length > 0)
    .map(block => {
      const names = sli
        ? countNamesOf(sli, block.queries)
        : block.queries.map(() => undefined);
      return {
        ...(block.heading && { heading: block.heading }),
        queries: block.queries.map((query, i) => {
          const name = names[i];
          // A window cut by corrections is counted by several queries per name: their sum is
          // the window's count, not any one's, so none shows it.
          const alone = names.filter(n => n === name).length === 1;
          return {
            query,
            number: ++number,
            ...(name && { counts: name }),
            ...(name &&
              alone &&
              block.counts && { value: countOf(name, block.counts) }),
          };
        }),
      };
    });
}
