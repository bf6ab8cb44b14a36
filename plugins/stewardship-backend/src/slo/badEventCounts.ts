import { EventCounts } from '@stewardship/backstage-plugin-stewardship-common';

// The tolerance of the common package's checkCounts for good above total: Prometheus
// extrapolates increase() of each series separately, so bad can come out a little above total
// just as good can. Up to 0.1 % is that noise; more is a broken SLI.
const TOLERANCE = 0.001;

/**
 * Good and total of a bad/total SLI: good = total − bad, with bad above total by no more than
 * extrapolation noise counted as bad = total (`clamped`). Bad further above total is left to give a
 * negative good, which the SLO engine's count check refuses as impossible.
 */
export function countsFromBad(
  bad: number,
  total: number,
): { counts: EventCounts; clamped: boolean } {
  const clamped = bad > total && bad - total <= TOLERANCE * total;
  return {
    counts: { good: clamped ? 0 : total - bad, total },
    clamped,
  };
}
