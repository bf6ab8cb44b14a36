import {
  SloSpec,
  sloWindowAt,
} from '@stewardship/backstage-plugin-stewardship-common';
import { DateTime } from 'luxon';

/** How many periods ahead of the current one a calendar SLO's longest period is looked for. */
const PERIODS_AHEAD = { month: 24, quarter: 8 } as const;

/**
 * The longest period an SLO's window can have, in seconds, which budget-terms alert policies are
 * checked against at save: their thresholds grow with the period, so a policy valid in the longest
 * one stays valid in every other. A rolling window has one length. A calendar month or quarter is
 * longest when it holds the day its zone's clocks go back (October in Europe/Berlin is 745 h, in
 * Antarctica/Troll 746 h, in UTC no month passes 744 h), so the current period and the next two
 * years' are measured in the SLO's own zone, by the zone rules this server knows.
 */
export function longestPeriodSeconds(
  spec: Pick<SloSpec, 'timeWindow'>,
  now: Date = new Date(),
): number {
  const window = spec.timeWindow;
  if (window.type !== 'calendar') {
    return sloWindowAt(window, now).periodSeconds;
  }
  const first = DateTime.fromJSDate(now, { zone: window.timeZone }).startOf(
    window.unit,
  );
  let longest = 0;
  for (let i = 0; i <= PERIODS_AHEAD[window.unit]; i++) {
    // Noon of the period's first day lies inside the period whatever the zone's DST gaps.
    const at = first
      .plus(window.unit === 'month' ? { months: i } : { quarters: i })
      .set({ hour: 12 });
    longest = Math.max(
      longest,
      sloWindowAt(window, at.toJSDate()).periodSeconds,
    );
  }
  return longest;
}
