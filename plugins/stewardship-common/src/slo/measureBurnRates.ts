import { burnRateOf } from './errorBudget';
import { checkCounts } from './checkCounts';
import { formatNumber as n } from './formatNumber';
import { BurnRate, EventCounts } from './types';

/**
 * The burn rate over each window from its counts, appending one explanation line per window to
 * `formulas`. A window without counts, with impossible counts or without traffic gets no numbers:
 * unknown is not the same as "not burning". With `badEvents` (an SLI whose queries count bad and
 * total events) the lines say `bad / total`, the queries' own terms, instead of `(total − good) / total`.
 *
 * @internal
 */
export function measureBurnRates(
  windows: string[],
  burnCounts: Record<string, EventCounts | null | undefined>,
  objective: number,
  formulas: string[],
  badEvents = false,
): BurnRate[] {
  return windows.map((window): BurnRate => {
    const raw = burnCounts[window];
    if (raw === null || raw === undefined) {
      formulas.push(`burn rate ${window}: unknown (no counts)`);
      return { window };
    }
    const checked = checkCounts(raw);
    if ('problem' in checked) {
      formulas.push(
        `burn rate ${window}: unknown (impossible counts: ${checked.problem})`,
      );
      return { window };
    }
    const counts = checked.counts;
    const burnRate = burnRateOf(counts, objective);
    if (burnRate === undefined) {
      formulas.push(`burn rate ${window}: unknown (no traffic)`);
      return { window, counts };
    }
    const { good, total } = counts;
    const errorRatio = (total - good) / total;
    formulas.push(
      badEvents
        ? `burn rate ${window} = (bad / total) / (1 − objective) = (${n(
            total - good,
          )} / ${n(total)}) / (1 − ${n(objective)}) = ${n(burnRate)}`
        : `burn rate ${window} = ((total − good) / total) / (1 − objective) = ((${n(
            total,
          )} − ${n(good)}) / ${n(total)}) / (1 − ${n(objective)}) = ${n(
            burnRate,
          )}`,
    );
    return { window, burnRate, errorRatio, counts };
  });
}
