/*
 * How the review's figures are written, the same in the tables, the CSV and the Markdown: the
 * definitions are in the common package's README ("Planning review").
 */
import {
  ReviewBudgetCost,
  ReviewOwnershipGap,
  ReviewRow,
} from '@stewardship/backstage-plugin-stewardship-common';
import { formatPercentHyphenMinus } from '../formatSlo';

/**
 * A fraction as a percentage with up to two decimals, e.g. `99.95 %`; `—` when unknown. Never
 * `100 %` or `0 %` unless exactly: more decimals when it takes them (0.99996 → `99.996 %`,
 * −0.00004 → `-0.004 %`), the rule of the SLOs tab (`formatPercentHyphenMinus`).
 */
export const percent = (fraction?: number) =>
  fraction === undefined ? '—' : formatPercentHyphenMinus(fraction, 2);

/** A burn rate, e.g. `14.4×`. */
export const burn = (rate?: number) =>
  rate === undefined ? '—' : `${Number(rate.toFixed(2))}×`;

/** Seconds as minutes or hours, e.g. `15 min`, `1.5 h`. */
export const duration = (seconds?: number) => {
  if (seconds === undefined) return '—';
  if (seconds < 3600) return `${Number((seconds / 60).toFixed(1))} min`;
  return `${Number((seconds / 3600).toFixed(1))} h`;
};

/** Days with one decimal. */
export const days = (value?: number) =>
  value === undefined ? '—' : `${value.toFixed(1)} d`;

/** Whether the entity met its objectives, in words. */
export const OBJECTIVES_LABEL: Record<ReviewRow['objectives'], string> = {
  met: 'Met',
  missed: 'Missed',
  'no-data': 'No data',
  'no-slos': 'No SLOs',
};

/** Incidents per severity, e.g. `SEV1: 1, SEV2: 2`; `none`. */
export const incidentsBySeverity = (row: ReviewRow) =>
  row.incidents.bySeverity.length === 0
    ? 'none'
    : row.incidents.bySeverity
        .map(group => `${group.severity}: ${group.count}`)
        .join(', ');

/** The largest budget cost of the entity's incidents. */
export const largestCost = (row: ReviewRow) =>
  row.incidents.budgetCosts[0]?.consumedPercent;

/**
 * Budget percentage with up to one decimal, e.g. `25.5 %`. A cost that rounds to zero but is not
 * zero reads `< 0.1 %`: `0 %` would say the incident cost nothing (the demo's gateway restart
 * costs ~0.02 %). The CSV keeps the exact number.
 */
export const costPercent = (value?: number) => {
  if (value === undefined) return '—';
  if (value > 0 && value < 0.05) return '< 0.1 %';
  return `${Number(value.toFixed(1))} %`;
};

/** One budget cost in words. */
export const costText = (cost: ReviewBudgetCost) =>
  `${costPercent(cost.consumedPercent)} of "${cost.sloName ?? cost.sloId}" (${
    cost.entityRef
  }): ${cost.incidentTitle}`;

const ATTESTATION_GAP = {
  none: 'not confirmed',
  stale: 'confirmation expired',
};

const gapKind = (gap: ReviewOwnershipGap) =>
  gap.attestation ? ATTESTATION_GAP[gap.attestation] : gap.status;

/** The ownership gaps, e.g. `product missing, engineering invalid, business not confirmed`. */
export const ownershipGaps = (row: ReviewRow) => {
  if (row.ownershipGaps === undefined) return 'not evaluated';
  if (row.ownershipGaps.length === 0) return 'none';
  return row.ownershipGaps.map(gap => `${gap.role} ${gapKind(gap)}`).join(', ');
};

/**
 * The gaps of all rows by kind, the catalog's problems before the confirmations:
 * `1 unresolved, 11 not confirmed`, so that a review where no one has confirmed a role yet does
 * not hide the one owner that is really missing. Empty when there are no gaps.
 */
export const ownershipGapKinds = (rows: ReviewRow[]) => {
  const counts = new Map<string, number>();
  const gaps = rows.flatMap(row => row.ownershipGaps ?? []);
  for (const gap of [
    ...gaps.filter(g => !g.attestation),
    ...gaps.filter(g => g.attestation),
  ]) {
    counts.set(gapKind(gap), (counts.get(gapKind(gap)) ?? 0) + 1);
  }
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
};

/**
 * The backlog figures in words: `top 20: average 45.3 d, reliability 25 %`, `all 5 open: …` when
 * the backlog is shorter than the top N, `no open items` when it is empty.
 */
export const backlogText = (row: ReviewRow) => {
  const { status, topN, topCount, averageAgeDays, reliabilityShare } =
    row.backlog;
  if (status === 'not-read-yet') return 'not read yet';
  if (topCount === 0) return 'no open items';
  const which =
    topCount !== undefined && topN !== undefined && topCount < topN
      ? `all ${topCount} open`
      : `top ${topN}`;
  return `${which}: average ${days(averageAgeDays)}, reliability ${percent(
    reliabilityShare,
  )}`;
};

/** The dependency-ceiling warning in words. */
export const ceilingText = (row: ReviewRow) =>
  row.aboveDependencyCeiling.length === 0
    ? 'ok'
    : `above ceiling ${percent(
        row.dependencyCeiling,
      )}: ${row.aboveDependencyCeiling.join(', ')}`;
