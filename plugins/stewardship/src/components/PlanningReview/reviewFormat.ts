/*
 * How the review's figures are written, the same in the tables, the CSV and the Markdown: the
 * definitions are in the common package's README ("Planning review"), how they are written in this
 * package's README (same section), by the same rules as the tabs that show the same figures.
 */
import {
  BACKLOG_AGE_TARGET_DAYS,
  BacklogProviderErrorKind,
  BacklogReadFailure,
  ReviewBudgetCost,
  ReviewOwnershipGap,
  ReviewRow,
  ReviewSlo,
  ReviewSummary,
  SLO_STATUSES,
  averageAgeDigits,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  formatBurnRate,
  formatInstant,
  formatPercentHyphenMinus,
} from '../formatSlo';
import { formatBudgetCost } from '../EntityIncidents/describeIncident';
import { isBacklogKind } from '../../isBacklogAvailable';
import { kindOfRef } from '../entityRefKind';

/** The row's entity kind in lower case, read from its ref (`domain:default/platform` → `domain`). */
export const rowKind = (row: Pick<ReviewRow, 'entityRef'>) =>
  kindOfRef(row.entityRef);

/** `a domain`, `an asset`: the kind with its article, for a sentence. */
const aKind = (kind: string) => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;

/**
 * Why the row has no SLO figures when its kind can have none (the backend says so with
 * `objectives: 'not-applicable'`, and gives such a row no release gate), e.g. `a domain has no
 * SLOs`; undefined for any other row (one of such a kind that has SLOs anyway is reviewed as any
 * other). A group's review lists everything the group owns: its domains and resources too, where
 * "No SLOs", "ok" and "allow" would read as a verdict on SLOs that cannot exist.
 */
export const noSlosReason = (
  row: Pick<ReviewRow, 'entityRef' | 'objectives'>,
) =>
  row.objectives === 'not-applicable'
    ? `${aKind(rowKind(row))} has no SLOs`
    : undefined;

/** An SLO cell (verdict, ceiling, gate) of a kind without SLOs, e.g. `— (a domain has no SLOs)`. */
export const notApplicableText = (reason: string) => `— (${reason})`;

/** The same in a CSV's coded columns (objectives, release gate): the reason has a column of its own. */
export const NOT_APPLICABLE = 'n/a';

/**
 * A fraction as a percentage with up to two decimals, e.g. `99.95 %`; `—` when unknown. Never
 * `100 %` or `0 %` unless exactly: more decimals when it takes them (0.99996 → `99.996 %`,
 * −0.00004 → `-0.004 %`), the rule of the SLOs tab (`formatPercentHyphenMinus`).
 */
export const percent = (fraction?: number) =>
  fraction === undefined ? '—' : formatPercentHyphenMinus(fraction, 2);

/**
 * A burn rate as the SLOs tab and the details view write one (`formatBurnRate`: three
 * significant digits), with `×`: `14.4×`, `1,230×`; one that is not 0 never reads as 0
 * (0.004 → `0.004×`).
 */
export const burn = (rate?: number) =>
  rate === undefined ? '—' : `${formatBurnRate(rate)}×`;

/**
 * A median MTTA / MTTR in the largest unit it reads at: under a minute in whole seconds (`45 s`;
 * under half a second but not 0, `< 1 s`), under an hour in minutes to 0.1 (`1.5 min`), from
 * there in hours to 0.1 (`1.5 h`). The unit goes by the rounded figure, so 59.5 s reads `1 min`,
 * not `60 s`, and 3,597 s `1 h`, not `60 min`.
 */
export const duration = (seconds?: number) => {
  if (seconds === undefined) return '—';
  const wholeSeconds = Math.round(seconds);
  if (wholeSeconds < 60) {
    return wholeSeconds === 0 && seconds > 0 ? '< 1 s' : `${wholeSeconds} s`;
  }
  const minutes = Number((seconds / 60).toFixed(1));
  if (minutes < 60) return `${minutes} min`;
  return `${Number((seconds / 3600).toFixed(1))} h`;
};

/**
 * The backlog's average age in days to 0.1, rounded as the Backlog tab rounds it beside the
 * target (`averageAgeDigits`): down when it meets the target (below 90 days, as
 * `computeBacklogFigures` decides), so 89.96 reads `89.9 d`, not `90.0 d`.
 */
export const days = (value?: number) =>
  value === undefined
    ? '—'
    : `${averageAgeDigits(value, value < BACKLOG_AGE_TARGET_DAYS)} d`;

/** Whether the entity met its objectives, in words. */
export const OBJECTIVES_LABEL: Record<ReviewRow['objectives'], string> = {
  met: 'Met',
  missed: 'Missed',
  'no-data': 'No data',
  'no-slos': 'No SLOs',
  'not-applicable': 'Not applicable',
};

/**
 * What `Met` means, in one line beside the figures: it is read from each SLO's latest snapshot at
 * the period's end, so an entity is `Met` while one of its SLOs is at risk (budget left, burning
 * fast), and one overspent mid-period but back above zero by the end is `Met` too.
 */
export const OBJECTIVES_DEFINITION =
  "Met: every SLO with a budget figure had budget left (≥ 0) at the period's end; the status beside it is its SLOs' worst at the end.";

/**
 * The worst status of the row's SLOs at the end (`SLO_STATUSES` is worst first); undefined when
 * none was ever evaluated.
 */
export const worstStatusAtEnd = (row: Pick<ReviewRow, 'slos'>) =>
  SLO_STATUSES.find(status => row.slos.some(s => s.statusAtEnd === status));

/**
 * The verdict and, where the row has one, its worst status at the end, e.g. `Met (at the end:
 * at-risk)`: a bare `Met` beside an SLO at risk elsewhere on the page read as a contradiction.
 */
export const objectivesText = (
  row: Pick<ReviewRow, 'entityRef' | 'objectives' | 'slos'>,
) => {
  const reason = noSlosReason(row);
  if (reason) return notApplicableText(reason);
  const status = worstStatusAtEnd(row);
  const label = OBJECTIVES_LABEL[row.objectives];
  return status === undefined ? label : `${label} (at the end: ${status})`;
};

/** Attainment with what it is a share of, e.g. `99.5 % of 122 evaluations`; `no data`. */
export const attainmentText = (
  slo: Pick<ReviewSlo, 'attainment' | 'evaluatedSnapshots'>,
) =>
  slo.attainment === undefined
    ? 'no data'
    : `${percent(slo.attainment)} of ${slo.evaluatedSnapshots} evaluation${
        slo.evaluatedSnapshots === 1 ? '' : 's'
      }`;

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
 * An incident's budget cost as the SLOs tab's incidents write it (`formatBudgetCost`): two
 * decimals, never `0 %` or `100 %` unless exactly (the demo's gateway restart costs ~0.02 %;
 * 0.004 → `0.004 %`, 99.996 → `99.996 %`). The CSV keeps the exact number.
 */
export const costPercent = (value?: number) =>
  value === undefined ? '—' : formatBudgetCost(value);

/**
 * Under the largest budget costs: an incident's cost is stored once it is resolved, so one still
 * open (a SEV2 that has cost 12 % so far), or resolved but not yet costed by the backfill, is not
 * among them yet. Counted now, not as of the period's end: an incident open at the end but
 * resolved since has its cost among them.
 */
export const uncountedCostsNote = (rows: ReviewRow[]) => {
  const waiting = rows.reduce(
    // `?? 0`: a backend older than the field does not send it.
    (sum, row) => sum + (row.incidents.withoutStoredCost ?? 0),
    0,
  );
  const counted = 'Budget costs are counted once an incident is resolved';
  if (waiting === 0) return `${counted}.`;
  return `${counted}: ${waiting} incident${
    waiting === 1 ? '' : 's'
  } of the period ${waiting === 1 ? 'has' : 'have'} no cost yet.`;
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
 * The ownership gaps of all rows counted as the scorecard counts them: a gap is a required role the
 * catalog does not cover (missing, invalid, orphaned…; an exempt role is none), and a required `ok`
 * role its holder has not confirmed is counted apart, as the scorecard's "unconfirmed" beside its
 * compliant entities (which also counts held roles that are not required). Counted together, "18
 * gaps in 6 of 6 entities" hid 3 real gaps among 15 unconfirmed roles and disagreed with the
 * scorecard.
 */
export function ownershipGapCounts(rows: ReviewRow[]) {
  const gapsOf = (row: ReviewRow) =>
    (row.ownershipGaps ?? []).filter(gap => !gap.attestation);
  const gaps = rows.flatMap(gapsOf);
  const unconfirmed = rows.flatMap(row =>
    (row.ownershipGaps ?? []).filter(gap => gap.attestation),
  );
  const kinds = new Map<string, number>();
  for (const gap of gaps) {
    kinds.set(gapKind(gap), (kinds.get(gapKind(gap)) ?? 0) + 1);
  }
  return {
    gaps: gaps.length,
    entitiesWithGaps: rows.filter(row => gapsOf(row).length > 0).length,
    /** The gaps by kind in order of appearance, e.g. `2 invalid, 1 orphaned`; empty without. */
    gapKinds: [...kinds].map(([kind, n]) => `${n} ${kind}`).join(', '),
    unconfirmed: unconfirmed.length,
    /** Of those, the ones whose confirmation expired (the others were never confirmed). */
    expired: unconfirmed.filter(gap => gap.attestation === 'stale').length,
  };
}

/**
 * The unconfirmed roles in words, e.g. `15 roles not confirmed`, `15 roles not confirmed (3
 * confirmation expired)`; empty when there is none (or attestations are not kept).
 */
export function unconfirmedText(
  counts: Pick<
    ReturnType<typeof ownershipGapCounts>,
    'unconfirmed' | 'expired'
  >,
) {
  const { unconfirmed, expired } = counts;
  if (unconfirmed === 0) return '';
  const roles = `${unconfirmed} role${unconfirmed === 1 ? '' : 's'}`;
  return expired === 0
    ? `${roles} not confirmed`
    : `${roles} not confirmed (${expired} confirmation expired)`;
}

/**
 * The gaps summary in one line, as the Markdown writes it: `3 gaps in 2 of 6 entities (2
 * invalid, 1 orphaned); 15 roles not confirmed`.
 */
export function ownershipSummaryText(rows: ReviewRow[]) {
  const counts = ownershipGapCounts(rows);
  return `${counts.gaps} gap${counts.gaps === 1 ? '' : 's'} in ${
    counts.entitiesWithGaps
  } of ${rows.length} entities${
    counts.gapKinds ? ` (${counts.gapKinds})` : ''
  }${counts.unconfirmed ? `; ${unconfirmedText(counts)}` : ''}`;
}

/**
 * A backlog never read, and what to do about it: its figures are stored when someone opens the
 * entity's Backlog tab (which reads the tracker), not on a schedule. The table links the words
 * after the colon to that tab.
 */
export const BACKLOG_NOT_READ_YET = 'not read yet';
/** What to do about a backlog not read yet. */
export const BACKLOG_READ_HINT = 'open its Backlog tab';
const BACKLOG_NOT_READ = `${BACKLOG_NOT_READ_YET}: ${BACKLOG_READ_HINT}`;

/**
 * Whether the row's entity has a Backlog tab. The row carries no annotations, so for a kind that
 * has the tab only when it names a tracker (`isBacklogAvailable`) this goes by what is stored:
 * figures are stored when the Backlog tab (or card, which shows where the tab does) reads the
 * trackers, so stored figures mean the entity had the tab. A backlog never read may or may not
 * have one: no link then, rather than one that lands on the Overview or a 404.
 */
export const hasBacklogTab = (row: Pick<ReviewRow, 'entityRef' | 'backlog'>) =>
  isBacklogKind(rowKind(row)) ||
  row.backlog.status === 'stored' ||
  // A read that failed was made by the Backlog tab (or card) too.
  row.backlog.lastReadFailed !== undefined;

/** A backlog provider's kind of failure in a few words, as the review writes it. */
const FAILURE_KIND_TEXT: Record<BacklogProviderErrorKind, string> = {
  unreachable: 'unreachable',
  unavailable: 'server error',
  'rate-limited': 'rate-limited',
  rejected: 'credentials refused',
  'not-found': 'not found',
  moved: 'moved',
  'bad-request': 'request refused',
  'bad-answer': 'unreadable answer',
  'not-configured': 'not configured',
  'invalid-annotation': 'annotation not usable',
};

/**
 * A failed backlog read in words: `the last read failed at 2026-12-05 10:00 UTC (Jira:
 * unreachable)`, each provider that failed with its kind of failure (`failed` when it gave none).
 */
export function backlogFailureText(failure: BacklogReadFailure): string {
  const providers = failure.providers
    .map(
      p => `${p.title}: ${(p.kind && FAILURE_KIND_TEXT[p.kind]) ?? 'failed'}`,
    )
    .join('; ');
  return `the last read failed at ${formatInstant(failure.at)}${
    providers ? ` (${providers})` : ''
  }`;
}

/**
 * A backlog never read of an entity that may have no Backlog tab, e.g. `not read (a domain has a
 * Backlog tab only when it names a tracker)`: "open its Backlog tab" would send the planner to a
 * tab that is not there.
 */
const backlogNotReadWithoutTab = (kind: string) =>
  `not read (${aKind(kind)} has a Backlog tab only when it names a tracker)`;

/**
 * The backlog figures in words: `top 20: average 45.3 d, reliability 25 %`, `all 5 open: …` when
 * the backlog is shorter than the top N, `no open items` when it is empty. When the latest read
 * failed (a tracker down), it says so, when and which tracker, rather than asking the planner to
 * open the Backlog tab again: `not read: the last read failed at … (Jira: unreachable)`, or
 * after the figures, that they are from an earlier read.
 */
export const backlogText = (row: ReviewRow) => {
  const {
    status,
    at,
    topN,
    topCount,
    averageAgeDays,
    reliabilityShare,
    lastReadFailed,
  } = row.backlog;
  if (status === 'not-read-yet') {
    if (lastReadFailed)
      return `not read: ${backlogFailureText(lastReadFailed)}`;
    return hasBacklogTab(row)
      ? BACKLOG_NOT_READ
      : backlogNotReadWithoutTab(rowKind(row));
  }
  const which =
    topCount !== undefined && topN !== undefined && topCount < topN
      ? `all ${topCount} open`
      : `top ${topN}`;
  const figures =
    topCount === 0
      ? 'no open items'
      : `${which}: average ${days(averageAgeDays)}, reliability ${percent(
          reliabilityShare,
        )}`;
  return lastReadFailed
    ? `${figures}; ${backlogFailureText(lastReadFailed)}, so these are from ${
        at ? formatInstant(at) : 'an earlier read'
      }`
    : figures;
};

/** The dependency-ceiling warning in words. */
export const ceilingText = (row: ReviewRow) => {
  const reason = noSlosReason(row);
  if (reason) return notApplicableText(reason);
  return row.aboveDependencyCeiling.length === 0
    ? 'ok'
    : `above ceiling ${percent(
        row.dependencyCeiling,
      )}: ${row.aboveDependencyCeiling.join(', ')}`;
};

/**
 * The release-gate decision; for a kind without SLOs, that it does not apply (the backend gives
 * such a row no decision: the policy's "no SLOs" case would have said a domain may release).
 */
export const releaseGateText = (
  row: Pick<ReviewRow, 'entityRef' | 'objectives' | 'releaseGate'>,
) => {
  const reason = noSlosReason(row);
  return reason ? notApplicableText(reason) : row.releaseGate ?? '—';
};

/**
 * The summary's objective and gate counts as the backend counts them, with the entities whose
 * kind can have SLOs as the whole (the rows of kinds that cannot are counted apart, in no
 * objectives or gate count), and those rows' count and kinds in words.
 */
export function objectivesCounts(review: {
  summary: ReviewSummary;
  rows: ReviewRow[];
}) {
  const { summary } = review;
  // Absent from a backend older than this frontend (it counted those rows as `no-slos`).
  const apart = summary.notApplicable ?? 0;
  const kinds = new Set(
    review.rows.filter(row => row.objectives === 'not-applicable').map(rowKind),
  );
  return {
    met: summary.met,
    /** The entities whose kind can have SLOs. */
    entities: summary.entities - apart,
    missed: summary.missed,
    noData: summary.noData,
    noSlos: summary.noSlos,
    releaseGate: summary.releaseGate,
    /** e.g. `3 entities cannot have SLOs (domain, resource)`; empty when there is none. */
    notApplicable:
      apart === 0
        ? ''
        : `${apart} ${
            apart === 1 ? 'entity cannot' : 'entities cannot'
          } have SLOs (${[...kinds].join(', ')})`,
  };
}
