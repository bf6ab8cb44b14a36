/*
 * What the backlog health figures mean.
 *
 * Every item is open. An item's age, in days, is (now − createdAt) / 86 400 000 ms: fractional,
 * never rounded, and 0 for an item created after `now` (a tracker's clock ahead of ours).
 *
 * The ranked list is every provider's items merged by rank: all rank-1 items first, then all
 * rank-2 items, and so on; equal ranks keep the providers' order (built-in items first). The top
 * N are the first N of that list (fewer when there are fewer items).
 *
 * Over the top N:
 *   average age      = sum of their ages / their count          (target: < 90 days)
 *   median age       = the middle age (the mean of the middle two for an even count)
 *   reliability share = reliability items among them / their count
 * With no items there is no average, median or share (never 0).
 *
 * Over all open items:
 *   histogram        = items per age bucket; each bucket is (from, to] days, the first one also
 *                      takes age 0: 0–30, 30–90, 90–180, > 180
 *   older than 180   = items whose age is > 180 days (the last bucket)
 *   untriaged        = items with no priority, or whose tracker status awaits triage
 *
 * Each result carries the formula with the numbers put in, so a reader can check it by hand.
 */
import { averageAgeDigits, dayDigits } from '../format/dayDigits';
import { formatPercent } from '../format/formatPercent';
import { BacklogItem } from './types';

const DAY_MS = 86_400_000;

/**
 * The number of top-ranked items the age and reliability figures look at, unless configured.
 *
 * @public
 */
export const BACKLOG_TOP_N_DEFAULT = 20;

/**
 * The average age of the top-ranked items should stay below this many days.
 *
 * @public
 */
export const BACKLOG_AGE_TARGET_DAYS = 90;

/**
 * The age buckets of the histogram, in days: each is (from, to], the first also takes 0.
 *
 * @public
 */
export const BACKLOG_AGE_BUCKETS: ReadonlyArray<{
  label: string;
  fromDays: number;
  toDays?: number;
}> = [
  { label: '0–30', fromDays: 0, toDays: 30 },
  { label: '30–90', fromDays: 30, toDays: 90 },
  { label: '90–180', fromDays: 90, toDays: 180 },
  { label: '> 180', fromDays: 180 },
];

/**
 * The item fields the figures read.
 *
 * @public
 */
export type BacklogFigureInput = Pick<
  BacklogItem,
  'createdAt' | 'priority' | 'awaitingTriage' | 'reliability'
>;

/**
 * One bucket of the age histogram.
 *
 * @public
 */
export interface BacklogAgeBucket {
  /** e.g. `30–90`. */
  label: string;
  /** Exclusive lower bound in days (the first bucket also takes age 0). */
  fromDays: number;
  /** Inclusive upper bound in days; absent for the last, open-ended bucket. */
  toDays?: number;
  /** Open items whose age falls in the bucket. */
  count: number;
}

/**
 * The figures over the top N ranked open items.
 *
 * @public
 */
export interface BacklogTopFigures {
  /** N as configured (default 20). */
  n: number;
  /** How many items the top N holds: N, or fewer when the backlog is shorter. */
  count: number;
  /** Mean age in days of those items; absent when there are none. */
  averageAgeDays?: number;
  /** Median age in days; absent when there are none. */
  medianAgeDays?: number;
  /** The target the average age should stay below: 90 days. */
  ageTargetDays: number;
  /** True when the average age is below the target; absent when there are no items. */
  meetsAgeTarget?: boolean;
  /** Reliability items among them. */
  reliabilityCount: number;
  /** reliabilityCount / count, between 0 and 1; absent when there are no items. */
  reliabilityShare?: number;
}

/**
 * The figures over all open items.
 *
 * @public
 */
export interface BacklogAllFigures {
  /** Open items. */
  count: number;
  /** Items per age bucket (see {@link BACKLOG_AGE_BUCKETS}), youngest first. */
  ageHistogram: BacklogAgeBucket[];
  /** Items older than 180 days. */
  olderThan180Days: number;
  /** Items with no priority, or whose tracker status awaits triage. */
  untriaged: number;
}

/**
 * The health of a backlog as of one moment.
 *
 * @public
 */
export interface BacklogFigures {
  /** The moment ages are measured at (ISO 8601). */
  at: string;
  /** Over the top N ranked items. */
  top: BacklogTopFigures;
  /** Over all open items. */
  all: BacklogAllFigures;
  /** Each figure's definition with its numbers, e.g. `average age = (10 + 50) / 2 = 30.0 days`. */
  formulas: string[];
}

/**
 * The age of an item in days at `now`: (now − createdAt) / 86 400 000 ms, 0 for an item from the future.
 *
 * @public
 */
export function backlogItemAgeDays(createdAt: string, now: Date): number {
  const ms = now.getTime() - Date.parse(createdAt);
  return ms > 0 ? ms / DAY_MS : 0;
}

function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A sum of ages to the nearest 0.1 day: not an age, so not one that could read as 180. */
const sumDigits = (value: number) => value.toFixed(1);

/**
 * The backlog health figures of open items already in ranked order (see `mergeBacklogItems`).
 *
 * @public
 */
export function computeBacklogFigures(
  rankedItems: ReadonlyArray<BacklogFigureInput>,
  options: { now: Date; topN?: number },
): BacklogFigures {
  const { now } = options;
  const n = options.topN ?? BACKLOG_TOP_N_DEFAULT;
  const top = rankedItems.slice(0, n);
  const topAges = top.map(item => backlogItemAgeDays(item.createdAt, now));
  const reliabilityCount = top.filter(item => item.reliability).length;
  const formulas: string[] = [];

  const topFigures: BacklogTopFigures = {
    n,
    count: top.length,
    ageTargetDays: BACKLOG_AGE_TARGET_DAYS,
    reliabilityCount,
  };
  if (top.length > 0) {
    const sum = topAges.reduce((a, b) => a + b, 0);
    topFigures.averageAgeDays = sum / top.length;
    topFigures.medianAgeDays = median([...topAges].sort((a, b) => a - b));
    topFigures.meetsAgeTarget =
      topFigures.averageAgeDays < BACKLOG_AGE_TARGET_DAYS;
    topFigures.reliabilityShare = reliabilityCount / top.length;
    // Ages, the median and the average as the Backlog tab writes them (dayDigits,
    // averageAgeDigits): 89.96 meeting the target reads 89.9 here as there, never 90.0.
    const shown =
      topAges.length <= 10
        ? topAges.map(dayDigits).join(' + ')
        : `${sumDigits(sum)} (sum of ${topAges.length} ages)`;
    formulas.push(
      `average age of the top ${top.length} = (${shown}) / ${
        top.length
      } = ${averageAgeDigits(
        topFigures.averageAgeDays,
        topFigures.meetsAgeTarget,
      )} days (target < ${BACKLOG_AGE_TARGET_DAYS})`,
      `median age of the top ${top.length} = ${dayDigits(
        topFigures.medianAgeDays,
      )} days`,
      // As the Backlog tab writes the share: never 0 % or 100 % unless exactly.
      `reliability share = ${reliabilityCount} / ${
        top.length
      } = ${formatPercent(reliabilityCount / top.length, 1)}`,
    );
  } else {
    formulas.push('no open items: no average age, median age or share');
  }

  const ages = rankedItems.map(item => backlogItemAgeDays(item.createdAt, now));
  const ageHistogram = BACKLOG_AGE_BUCKETS.map(bucket => ({
    ...bucket,
    count: ages.filter(
      age =>
        (age > bucket.fromDays || (bucket.fromDays === 0 && age === 0)) &&
        (bucket.toDays === undefined || age <= bucket.toDays),
    ).length,
  }));
  const olderThan180Days = ages.filter(age => age > 180).length;
  const untriaged = rankedItems.filter(
    item => item.priority === undefined || item.awaitingTriage,
  ).length;
  formulas.push(
    `age histogram (days, (from, to]) = ${ageHistogram
      .map(b => `${b.label}: ${b.count}`)
      .join(', ')}`,
    `older than 180 days = ${olderThan180Days} of ${rankedItems.length}`,
    `untriaged (no priority or awaiting triage) = ${untriaged} of ${rankedItems.length}`,
  );

  return {
    at: now.toISOString(),
    top: topFigures,
    all: {
      count: rankedItems.length,
      ageHistogram,
      olderThan180Days,
      untriaged,
    },
    formulas,
  };
}
