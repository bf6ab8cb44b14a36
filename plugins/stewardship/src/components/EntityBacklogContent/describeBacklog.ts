/*
 * Words for the backlog figures and items. Only formatting: every figure is computed by the
 * backend with -common's computeBacklogFigures, and an item's age here uses the same function
 * (backlogItemAgeDays) at the same moment (figures.at), so the list and the figures agree.
 */
import {
  BACKLOG_AGE_TARGET_DAYS,
  BacklogFigures,
  BacklogItem,
  averageAgeDigits,
  backlogItemAgeDays,
  dayDigits,
} from '@stewardship/backstage-plugin-stewardship-common';
import { formatPercent } from '../formatSlo';

/** `12.0 days`, `1.0 day`: days to 0.1 as digits, with the unit. */
const withDayUnit = (digits: string) =>
  `${digits} ${digits === '1.0' ? 'day' : 'days'}`;

/** Days with one decimal (`dayDigits`): `12.04` → `12.0 days`, `1` → `1.0 day`, 180.04 → `180.1 days`. */
export function formatDays(days: number): string {
  return withDayUnit(dayDigits(days));
}

/** The average age as the sentence about the target shows it (`averageAgeDigits`), `89.9 days`. */
export function formatAgeAgainstTarget(
  days: number,
  meetsTarget: boolean,
): string {
  return withDayUnit(averageAgeDigits(days, meetsTarget));
}

/** `1 item`, `3 items`. */
export function itemCount(n: number): string {
  return `${n} ${n === 1 ? 'item' : 'items'}`;
}

/** The age of an item in days as of the moment the figures were computed. */
export function ageAt(item: BacklogItem, figures: BacklogFigures): number {
  return backlogItemAgeDays(item.createdAt, new Date(figures.at));
}

/** What each health figure means, shown beside it (the README says the same). */
export const FIGURE_DEFINITIONS = {
  averageAge: (n: number) =>
    `Mean age of the top ${n} open items in rank order, or of all when fewer are open (all trackers merged by rank). Age = now − created. Target: below ${BACKLOG_AGE_TARGET_DAYS} days.`,
  medianAge: (n: number) =>
    `The middle age of the top ${n} ranked items, or of all when fewer are open (the mean of the middle two for an even count): unlike the mean, one ancient item does not move it.`,
  reliabilityShare: (n: number) =>
    `Reliability items among the top ${n} ranked items (all, when fewer are open) ÷ their count. Reliability work: every built-in item (breached SLOs, incident action items) and tracker items whose type or label is configured as reliability work (by default types Bug and Incident, labels reliability, slo, incident).`,
  histogram:
    'All open items per age bucket in days; each bucket is (from, to], the first also takes age 0.',
  olderThan180Days: 'Open items created more than 180 days ago.',
  untriaged:
    'Open items with no priority, or whose tracker status awaits triage (e.g. Jira "Needs Triage", GitHub label needs-triage).',
};

/** One health figure: its name, its value in words and whether it is a concern, in words. */
export interface FigureRow {
  id: string;
  name: string;
  value: string;
  definition: string;
}

/** The health figures in words, in the order the card shows them. */
export function figureRows(figures: BacklogFigures): FigureRow[] {
  const { top, all } = figures;
  const of = `the top ${top.count}`;
  const rows: FigureRow[] = [];
  rows.push({
    id: 'average-age',
    name: `Average age of ${of}`,
    value:
      top.averageAgeDays === undefined
        ? 'no items'
        : `${formatAgeAgainstTarget(
            top.averageAgeDays,
            top.meetsAgeTarget === true,
          )}: ${top.meetsAgeTarget ? 'meets' : 'misses'} the target (below ${
            top.ageTargetDays
          } days)`,
    definition: FIGURE_DEFINITIONS.averageAge(top.n),
  });
  rows.push({
    id: 'median-age',
    name: `Median age of ${of}`,
    value:
      top.medianAgeDays === undefined
        ? 'no items'
        : formatDays(top.medianAgeDays),
    definition: FIGURE_DEFINITIONS.medianAge(top.n),
  });
  rows.push({
    id: 'reliability-share',
    name: `Reliability work in ${of}`,
    value:
      top.reliabilityShare === undefined
        ? 'no items'
        : `${formatPercent(top.reliabilityShare, 1)} (${
            top.reliabilityCount
          } of ${top.count})`,
    definition: FIGURE_DEFINITIONS.reliabilityShare(top.n),
  });
  rows.push({
    id: 'older-than-180',
    name: 'Older than 180 days',
    value: `${all.olderThan180Days} of ${all.count}`,
    definition: FIGURE_DEFINITIONS.olderThan180Days,
  });
  rows.push({
    id: 'untriaged',
    name: 'Untriaged',
    value: `${all.untriaged} of ${all.count}`,
    definition: FIGURE_DEFINITIONS.untriaged,
  });
  return rows;
}

/** A bucket as words: `0–30 days old`, `more than 180 days old`. */
export function bucketWords(bucket: {
  label: string;
  fromDays: number;
  toDays?: number;
}) {
  return bucket.toDays === undefined
    ? `more than ${bucket.fromDays} days old`
    : `${bucket.label} days old`;
}

/** The histogram in one sentence, for everyone who does not read the chart. */
export function histogramSentence(figures: BacklogFigures): string {
  const { all } = figures;
  const parts = all.ageHistogram.map(
    bucket => `${bucket.count} ${bucketWords(bucket)}`,
  );
  return `Of ${itemCount(all.count)} open: ${parts.join(', ')}.`;
}
