/*
 * Words for incident figures and fields. These only format what the backend computed (the MTTx
 * figures of `summarizeIncidents` in -common, the budget cost of `incidentBudgetImpact`); the one
 * thing derived here is how long an incident has lasted, from its own two moments.
 */
import {
  Incident,
  IncidentActionItem,
  IncidentBudgetImpact,
  IncidentSource,
  IncidentStatus,
  incidentAsOf,
  isIncidentOpen,
} from '@stewardship/backstage-plugin-stewardship-common';
import { formatPercent, toLocalInputValue } from '../formatSlo';

/** `1 day`, `3 days`, `740,321 days`: a count past a thousand with its separators, as figures are. */
const plural = (count: number, unit: string) =>
  `${count.toLocaleString('en-US')} ${unit}${count === 1 ? '' : 's'}`;

/**
 * A duration in words, rounded to the nearest unit a person reads at that size:
 * under a minute in seconds (`45 seconds`), under an hour in minutes (`12 minutes`), under a day in
 * hours and minutes (`1 hour 35 minutes`), beyond in days and hours (`2 days 4 hours`).
 */
export function formatIncidentDuration(seconds: number): string {
  const s = Math.max(0, seconds);
  if (Math.round(s) < 60) return plural(Math.round(s), 'second');
  const minutes = Math.round(s / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  if (minutes < 24 * 60) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0
      ? plural(hours, 'hour')
      : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
  }
  const hours = Math.round(s / 3600);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest === 0
    ? plural(days, 'day')
    : `${plural(days, 'day')} ${plural(rest, 'hour')}`;
}

const STATUS_WORDS: Record<IncidentStatus, string> = {
  triggered: 'Triggered, not acknowledged yet',
  acknowledged: 'Acknowledged, being worked on',
  mitigated: 'Mitigated, users no longer hurt',
  resolved: 'Resolved',
};

/** An incident status in words (never by colour alone). */
export function incidentStatusText(status: IncidentStatus): string {
  return STATUS_WORDS[status];
}

const SOURCE_WORDS: Record<IncidentSource, string> = {
  manual: 'Recorded by hand',
  api: 'Recorded by a tool (API)',
  pagerduty: 'PagerDuty',
};

/** Where an incident came from, in words. */
export function incidentSourceText(source: IncidentSource): string {
  return SOURCE_WORDS[source];
}

/**
 * How long an incident lasted (`startedAt`, or `detectedAt` when the onset is unknown, to
 * `resolvedAt`), or, while open, how long it has been open until `now`.
 */
export function incidentDurationText(incident: Incident, now: Date): string {
  const start = Date.parse(incident.startedAt ?? incident.detectedAt);
  if (incident.resolvedAt) {
    return `lasted ${formatIncidentDuration(
      (Date.parse(incident.resolvedAt) - start) / 1000,
    )}`;
  }
  return `open for ${formatIncidentDuration((now.getTime() - start) / 1000)}`;
}

/**
 * Open incidents first, then by `detectedAt`, newest first. With `at` (a past "As of" moment),
 * open means open at that moment (`incidentAsOf`): one resolved since sorts among the open ones.
 */
export function sortIncidents(incidents: Incident[], at?: Date): Incident[] {
  const resolved = (incident: Incident) =>
    (at ? incidentAsOf(incident, at) : incident).status === 'resolved' ? 1 : 0;
  return [...incidents].sort((a, b) => {
    const openA = resolved(a);
    const openB = resolved(b);
    if (openA !== openB) return openA - openB;
    return Date.parse(b.detectedAt) - Date.parse(a.detectedAt);
  });
}

/**
 * `YYYY-MM-DD` of an instant on the viewer's calendar, as the due date's `<input type="date">`
 * names days: an item due today is not overdue until today has ended where the viewer is, not in
 * UTC (21:30 on 1 December in St. John's is already 2 December in UTC).
 */
export function localDay(date: Date): string {
  return toLocalInputValue(date).slice(0, 10);
}

/**
 * The accessible name of a control that acts on one incident: its visible label first, so a
 * voice-control user can say the words they see (WCAG 2.5.3), then the incident's title, which
 * tells apart the same controls of two incidents open at once.
 */
export function incidentControlName(label: string, incidentTitle: string) {
  return `${label} — ${incidentTitle}`;
}

/**
 * An action item's due date in words, overdue said in words: `due 2026-11-20, overdue by 3 days`
 * for an open item past its date (`today` is the viewer's day, see `localDay`), `due 2026-11-20`
 * otherwise, `no due date` without one.
 */
export function actionItemDueText(
  item: Pick<IncidentActionItem, 'dueDate' | 'status'>,
  today: string,
): string {
  if (!item.dueDate) return 'no due date';
  if (item.status === 'open' && item.dueDate < today) {
    const days = Math.round(
      (Date.parse(today) - Date.parse(item.dueDate)) / 86_400_000,
    );
    return `due ${item.dueDate}, overdue by ${plural(days, 'day')}`;
  }
  return `due ${item.dueDate}`;
}

/** Whether an open action item is past its due date (`today`: the viewer's day, see `localDay`). */
export function isActionItemOverdue(
  item: Pick<IncidentActionItem, 'dueDate' | 'status'>,
  today: string,
): boolean {
  return item.status === 'open' && !!item.dueDate && item.dueDate < today;
}

/**
 * An incident's budget cost (`consumedPercent`, a percentage: 12.5 for 12.5 %) as the SLOs tab's
 * incidents and the planning review both write it: two decimals by the percent rule
 * (`formatPercent`), so a cost that is not exactly 0 % or 100 % never reads as one: 33.333… →
 * `33.33 %`, 0.004 → `0.004 %` (not `0 %`), 99.996 → `99.996 %` (not `100 %`).
 */
export function formatBudgetCost(consumedPercent: number): string {
  return formatPercent(consumedPercent / 100, 2);
}

/**
 * What an incident cost one SLO's error budget, in words: the share of the bad events its window
 * allows, or why there is no figure. Whether the incident is still open decides "so far", not
 * whether the figure was stored (the backend stores a resolved incident's figures only once every
 * affected SLO has one):
 *
 * - open: `12.5 % of the error budget so far (still open)`;
 * - resolved, stored: `12.5 % of the error budget`;
 * - resolved, not stored because another affected SLO has no figure:
 *   `12.5 % of the error budget (computed for this read; stored once every affected SLO has a figure)`;
 * - resolved, every figure there but not stored (the incident changed meanwhile):
 *   `12.5 % of the error budget (computed for this read, not stored yet)`.
 *
 * `incident` is the one the impact was read with (`GET /incidents/{id}`, or the list), as it is
 * recorded now. `shownAt` is the tab's past "As of" moment, if any. For an incident still open at
 * that moment, an impact read with `?at=` ends there (its `incidentWindow.end`):
 * `1.04 % of the error budget up to the moment shown (open then; still open)`, or
 * `… (open then; resolved later)`. Any other impact of such an incident (the list's stored one,
 * or one from a backend that ignores `at`) is the cost up to now, and said so:
 * `19.72 % of the error budget over the whole incident so far, as of now (still open; not its
 * cost at the moment shown)`, or the total of an incident resolved after that moment:
 * `2.35 % of the error budget over the whole incident, in total (resolved after the moment
 * shown)`.
 */
export function budgetImpactText(
  impact: IncidentBudgetImpact,
  incident: Pick<
    Incident,
    'status' | 'resolvedAt' | 'affectedSloIds' | 'budgetImpact'
  >,
  shownAt?: Date,
): string {
  if (impact.status !== 'computed' || impact.consumedPercent === undefined) {
    return `no figure: ${impact.reason ?? 'the metric source had no data'}`;
  }
  const percent = `${formatBudgetCost(
    impact.consumedPercent,
  )} of the error budget`;
  const upToShown =
    shownAt !== undefined &&
    Date.parse(impact.incidentWindow.end) === shownAt.getTime();
  if (upToShown && isIncidentOpen(incident)) {
    return `${percent} up to the moment shown (open then; still open)`;
  }
  if (upToShown && resolvedAfter(incident, shownAt)) {
    return `${percent} up to the moment shown (open then; resolved later)`;
  }
  if (isIncidentOpen(incident)) {
    return shownAt
      ? `${percent} over the whole incident so far, as of now (still open; not its cost at the moment shown)`
      : `${percent} so far (still open)`;
  }
  const notes = [
    resolvedAfter(incident, shownAt)
      ? 'resolved after the moment shown'
      : undefined,
    unstoredNote(impact, incident),
  ].filter(Boolean);
  const total = resolvedAfter(incident, shownAt)
    ? `${percent} over the whole incident, in total`
    : percent;
  return notes.length > 0 ? `${total} (${notes.join('; ')})` : total;
}

/** Whether a resolved incident was resolved after `moment` (so was open then). */
function resolvedAfter(
  incident: Pick<Incident, 'resolvedAt'>,
  moment?: Date,
): boolean {
  return (
    moment !== undefined &&
    incident.resolvedAt !== undefined &&
    Date.parse(incident.resolvedAt) > moment.getTime()
  );
}

/** Why a resolved incident's figure is not the stored one, if it is not. */
function unstoredNote(
  impact: IncidentBudgetImpact,
  incident: Pick<Incident, 'affectedSloIds' | 'budgetImpact'>,
): string | undefined {
  if (impact.stored) return undefined;
  const everyFigure = incident.affectedSloIds.every(
    id =>
      incident.budgetImpact?.find(other => other.sloId === id)?.status ===
      'computed',
  );
  return everyFigure
    ? 'computed for this read, not stored yet'
    : 'computed for this read; stored once every affected SLO has a figure';
}
