/*
 * What the incident figures mean.
 *
 * Over a period [from, to) (by default the 90 days up to now), the incidents of an entity whose
 * `detectedAt` falls in the period are grouped by severity. Per group:
 *
 *   count = incidents detected in the period (open ones included)
 *   open  = those of them not resolved
 *   MTTA  = acknowledgedAt − detectedAt   (time to acknowledge)
 *   MTTM  = mitigatedAt − detectedAt      (time to mitigate)
 *   MTTR  = resolvedAt − detectedAt       (time to resolve)
 *   MTTD  = detectedAt − startedAt        (time to detect)
 *
 * Each duration figure is the median and the mean, in seconds, over the incidents that have both
 * of its moments; `n` says how many that was. An incident still open counts in `count` but not in
 * a figure it has no end for (an unacknowledged incident is not in MTTA, an unresolved one not in
 * MTTR); an incident resolved without being acknowledged is not in MTTA either; one with no known
 * `startedAt` is not in MTTD. With n = 0 a figure has no median and no mean (never 0).
 *
 * The median of an even number of durations is the mean of the middle two.
 *
 * Fire drills are exercises: they are summarised apart, with the same definitions, and never
 * mixed into the figures of real incidents.
 *
 * The figures are those of the incidents as they stood at `to` (`incidentAsOf`): a moment after
 * `to` had not happened yet, so an incident resolved after `to` is open in them and not in MTTR
 * (a period ending now is unchanged: no moment is in the future). A moment exactly at `to` has
 * happened by `to`.
 */
import { INCIDENT_SEVERITIES, IncidentSeverity, IncidentTimes } from './types';
import { IncidentTimeField, incidentAsOf } from './incidentTimes';

/**
 * The incident fields the figures read.
 *
 * @public
 */
export type IncidentFigureInput = IncidentTimes & {
  severity: IncidentSeverity;
  status: string;
  fireDrill: boolean;
};

/**
 * One duration figure (MTTA, MTTM, MTTR or MTTD) over a group of incidents.
 *
 * @public
 */
export interface IncidentDurationFigure {
  /** How many incidents had both moments and so count in this figure. */
  n: number;
  /** The median duration in seconds; absent when n = 0. */
  medianSeconds?: number;
  /** The mean duration in seconds; absent when n = 0. */
  meanSeconds?: number;
  /** The definition, e.g. `MTTA = acknowledgedAt − detectedAt`. */
  formula: string;
}

/**
 * The figures of one group of incidents.
 *
 * @public
 */
export interface IncidentFigures {
  /** Incidents detected in the period, open ones included. */
  count: number;
  /** Of those, the ones not resolved. */
  open: number;
  /** Time to acknowledge: acknowledgedAt − detectedAt. */
  mtta: IncidentDurationFigure;
  /** Time to mitigate: mitigatedAt − detectedAt. */
  mttm: IncidentDurationFigure;
  /** Time to resolve: resolvedAt − detectedAt. */
  mttr: IncidentDurationFigure;
  /** Time to detect: detectedAt − startedAt. */
  mttd: IncidentDurationFigure;
}

/**
 * The figures of one severity.
 *
 * @public
 */
export interface SeverityIncidentFigures extends IncidentFigures {
  /** The severity these figures are of. */
  severity: IncidentSeverity;
}

/**
 * Figures for all severities together and for each (always all five, worst first).
 *
 * @public
 */
export interface IncidentFigureGroups {
  /** All severities together. */
  all: IncidentFigures;
  /** Each severity, `SEV1` first; all five, also those without incidents. */
  bySeverity: SeverityIncidentFigures[];
}

/**
 * The incident figures of a period: real incidents, and fire drills apart.
 *
 * @public
 */
export interface IncidentPeriodFigures {
  /** Start of the period (ISO 8601, inclusive). */
  from: string;
  /** End of the period (ISO 8601, exclusive). */
  to: string;
  /** Real incidents: fire drills are never in these. */
  incidents: IncidentFigureGroups;
  /** Fire drills only, with the same definitions. */
  fireDrills: IncidentFigureGroups;
  /** How an incident is chosen for the period. */
  selection: string;
}

/**
 * The default period of the figures: 90 days.
 *
 * @public
 */
export const INCIDENT_FIGURES_DEFAULT_DAYS = 90;

const DURATIONS: Record<
  'mtta' | 'mttm' | 'mttr' | 'mttd',
  { from: IncidentTimeField; to: IncidentTimeField; formula: string }
> = {
  mtta: {
    from: 'detectedAt',
    to: 'acknowledgedAt',
    formula: 'MTTA = acknowledgedAt − detectedAt',
  },
  mttm: {
    from: 'detectedAt',
    to: 'mitigatedAt',
    formula: 'MTTM = mitigatedAt − detectedAt',
  },
  mttr: {
    from: 'detectedAt',
    to: 'resolvedAt',
    formula: 'MTTR = resolvedAt − detectedAt',
  },
  mttd: {
    from: 'startedAt',
    to: 'detectedAt',
    formula: 'MTTD = detectedAt − startedAt',
  },
};

/**
 * The median of some numbers (the mean of the middle two for an even count); undefined for none.
 *
 * @public
 */
export function medianOf(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

function durationFigure(
  incidents: IncidentFigureInput[],
  key: keyof typeof DURATIONS,
): IncidentDurationFigure {
  const { from, to, formula } = DURATIONS[key];
  const seconds: number[] = [];
  for (const incident of incidents) {
    const start = incident[from];
    const end = incident[to];
    if (start !== undefined && end !== undefined) {
      seconds.push((Date.parse(end) - Date.parse(start)) / 1000);
    }
  }
  if (seconds.length === 0) return { n: 0, formula };
  return {
    n: seconds.length,
    medianSeconds: medianOf(seconds),
    meanSeconds: seconds.reduce((a, b) => a + b, 0) / seconds.length,
    formula,
  };
}

function figuresOf(incidents: IncidentFigureInput[]): IncidentFigures {
  return {
    count: incidents.length,
    open: incidents.filter(i => i.status !== 'resolved').length,
    mtta: durationFigure(incidents, 'mtta'),
    mttm: durationFigure(incidents, 'mttm'),
    mttr: durationFigure(incidents, 'mttr'),
    mttd: durationFigure(incidents, 'mttd'),
  };
}

function groupsOf(incidents: IncidentFigureInput[]): IncidentFigureGroups {
  return {
    all: figuresOf(incidents),
    bySeverity: INCIDENT_SEVERITIES.map(severity => ({
      severity,
      ...figuresOf(incidents.filter(i => i.severity === severity)),
    })),
  };
}

/**
 * The incident figures over `[from, to)`: of the incidents given, those detected in the period as
 * they stood at `to`, split into real incidents and fire drills, each for all severities and per
 * severity.
 * See the definitions at the top of this file (and the backend README).
 *
 * @public
 */
export function summarizeIncidents(
  incidents: IncidentFigureInput[],
  period: { from: Date; to: Date },
): IncidentPeriodFigures {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const inPeriod = incidents
    .filter(i => {
      const detected = Date.parse(i.detectedAt);
      return detected >= from && detected < to;
    })
    .map(i => incidentAsOf(i, period.to));
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    incidents: groupsOf(inPeriod.filter(i => !i.fireDrill)),
    fireDrills: groupsOf(inPeriod.filter(i => i.fireDrill)),
    selection: 'incidents with from ≤ detectedAt < to',
  };
}
