import {
  SLO_OVERVIEW_STATUSES,
  SloOverviewItem,
  SloOverviewStatus,
} from '@stewardship/backstage-plugin-stewardship-common';
import { formatCount as count } from '../formatSlo';

/** Whether an SLO is in a status of the overview's filter: `stale` is a flag beside the last status. */
const hasStatus = (item: SloOverviewItem, status: SloOverviewStatus) =>
  status === 'stale' ? item.stale : item.status === status;

/** The SLOs the overview lists for its Status filter, which it applies itself (none: all). */
export const slosInStatus = (
  items: SloOverviewItem[],
  status: SloOverviewStatus | undefined,
) => (status ? items.filter(item => hasStatus(item, status)) : items);

/** The statuses the status line counts, worst first: all but `healthy`. */
const TROUBLES = SLO_OVERVIEW_STATUSES.filter(s => s !== 'healthy');

/**
 * What the SLO overview's list shows, in one sentence for its status line, in the words of its
 * Status column: `Showing 6 SLOs: 1 exhausted, 1 at-risk, 2 stale.`, each status that is not
 * `healthy` with its count when it has any. A stale SLO is counted as stale and as its last
 * status, so the figures may add up to more than the SLOs; one counted under none is healthy.
 */
export function describeShownSlos(items: SloOverviewItem[]): string {
  if (items.length === 0) return 'Showing no SLOs.';
  const shown = `Showing ${count(items.length)} ${
    items.length === 1 ? 'SLO' : 'SLOs'
  }`;
  const troubles = TROUBLES.map(status => ({
    status,
    n: items.filter(item => hasStatus(item, status)).length,
  })).filter(({ n }) => n > 0);
  if (troubles.length === 0) {
    return `${shown}: ${items.length === 1 ? 'healthy' : 'all healthy'}.`;
  }
  return `${shown}: ${troubles
    .map(({ status, n }) => `${count(n)} ${status}`)
    .join(', ')}.`;
}
