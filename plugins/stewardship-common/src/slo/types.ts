/**
 * A query for event counts, in the metric source's own language.
 *
 * For Prometheus either a counter selector (`http_requests_total{job="api",code!~"5.."}`), which the
 * engine wraps as `sum(increase(<selector>[<window>]))`, or a PromQL expression containing Sloth's
 * `{{.window}}` placeholder (`sum(increase(http_requests_total{job="api"}[{{.window}}]))`), which is
 * used as written with the window substituted.
 *
 * @public
 */
export type EventQuery = string;

/**
 * A ratio SLI: good (or bad) events out of all events, from event counters.
 * Exactly one of `good` and `bad` is set.
 *
 * @public
 */
export type RatioSli = GoodRatioSli | BadRatioSli;

/**
 * A ratio SLI counting good events: SLI = good ÷ total.
 *
 * @public
 */
export interface GoodRatioSli {
  /** Discriminator. */
  type: 'ratio';
  /** Counts the good events. */
  good: EventQuery;
  /** Absent: a ratio SLI names exactly one of good and bad. */
  bad?: undefined;
  /** Counts all events. */
  total: EventQuery;
}

/**
 * A ratio SLI counting bad events: good = total − bad.
 *
 * @public
 */
export interface BadRatioSli {
  /** Discriminator. */
  type: 'ratio';
  /** Absent: a ratio SLI names exactly one of good and bad. */
  good?: undefined;
  /** Counts the bad events; good = total − bad. */
  bad: EventQuery;
  /** Counts all events. */
  total: EventQuery;
}

/**
 * A latency-threshold SLI: requests faster than a threshold out of all requests, from a histogram.
 *
 * @public
 */
export interface LatencySli {
  /** Discriminator. */
  type: 'latency';
  /** The threshold in seconds; the `le` bucket that `good` selects. */
  thresholdSeconds: number;
  /** The histogram bucket at the threshold, e.g. `http_request_duration_seconds_bucket{job="api",le="0.3"}`. */
  good: EventQuery;
  /** The histogram's count, e.g. `http_request_duration_seconds_count{job="api"}`. */
  total: EventQuery;
}

/**
 * How an SLO measures its service level.
 *
 * @public
 */
export type SliSpec = RatioSli | LatencySli;

/**
 * The period an SLO is measured over.
 *
 * - `rolling`: the last `duration` (e.g. `28d`; presets `7d`, `28d`, `30d`, `90d`), ending now.
 * - `calendar`: the current calendar month or quarter in `timeZone`, from its start until now.
 *
 * @public
 */
export type SloTimeWindow =
  | { type: 'rolling'; duration: string }
  | { type: 'calendar'; unit: 'month' | 'quarter'; timeZone: string };

/**
 * How the error budget is counted.
 *
 * - `occurrences`: bad events out of all events (the default).
 * - `timeslices`: bad slices out of all slices with traffic; a slice of `timeslice.duration` is good
 *   when its own ratio meets `timeslice.target`. Suits low-traffic services.
 *
 * @public
 */
export type BudgetingMethod = 'occurrences' | 'timeslices';

/**
 * The slice settings of `timeslices` budgeting.
 *
 * @public
 */
export interface TimesliceSpec {
  /** Slice length, e.g. `5m`. */
  duration: string;
  /** The ratio a slice must reach to be good, as a fraction (0.95 = 95 %). */
  target: number;
}

/**
 * Whether an alert policy asks for a page or a ticket.
 *
 * @public
 */
export type AlertSeverity = 'page' | 'ticket';

/**
 * An alert policy as written on an SLO. Three forms:
 *
 * - `{ preset: 'sre-workbook' }`: the Google SRE Workbook's multiwindow, multi-burn-rate alerts
 *   (page on 2 % of the budget in 1 h, page on 5 % in 6 h, ticket on 10 % in 3 d), with thresholds
 *   derived for the SLO's period.
 * - budget terms: "alert when `budgetPercent` % of the budget burns within `within`"
 *   (threshold = budget fraction × period / within; short window = within / 12 unless given).
 * - burn-rate terms: an explicit `burnRate` threshold over a long and a short window.
 *
 * @public
 */
export type AlertPolicySpec =
  | { preset: 'sre-workbook' }
  | {
      name?: string;
      severity: AlertSeverity;
      budgetPercent: number;
      within: string;
      shortWindow?: string;
    }
  | {
      name?: string;
      severity: AlertSeverity;
      burnRate: number;
      longWindow: string;
      shortWindow: string;
    };

/**
 * An alert policy in burn-rate terms, as the engine evaluates it: it fires when the burn rate over
 * both the long and the short window exceeds `burnRate`.
 *
 * @public
 */
export interface ResolvedAlertPolicy {
  /** Name, e.g. `page-1h` or the one written on the SLO. */
  name: string;
  /** Page or ticket. */
  severity: AlertSeverity;
  /** Burn-rate threshold. */
  burnRate: number;
  /** Long window, e.g. `1h`. */
  longWindow: string;
  /** Short window, e.g. `5m`; guards against alerting long after a burn stopped. */
  shortWindow: string;
  /** For budget-terms and preset policies: the fraction of the budget the policy is about. */
  budgetFraction?: number;
}

/**
 * The fields of an SLO that a client writes.
 *
 * @public
 */
export interface SloSpec {
  /** Ref of the entity the SLO belongs to, e.g. `component:default/checkout`. */
  entityRef: string;
  /** Short name, unique per entity, e.g. `availability`. */
  name: string;
  /** What the SLO promises, in a sentence. */
  description?: string;
  /** How the service level is measured. */
  sli: SliSpec;
  /** The objective as a fraction strictly between 0 and 1 (0.999 = 99.9 %). */
  objective: number;
  /** The period measured over: rolling or calendar. */
  timeWindow: SloTimeWindow;
  /** Defaults to `occurrences`. */
  budgetingMethod: BudgetingMethod;
  /** Required with `timeslices` budgeting. */
  timeslice?: TimesliceSpec;
  /** Name of a source under `stewardship.metricSources`. */
  metricSource: string;
  /** Alert policies; empty means the SRE Workbook preset. */
  alertPolicies: AlertPolicySpec[];
  /** Free-form labels, e.g. `tier: critical`. */
  labels: Record<string, string>;
  /** Fewer events than this in the window is `no-data` (too few to judge); defaults to 1. */
  minEvents?: number;
  /**
   * A business-hours SLO: only this weekly schedule counts (events outside it are not counted
   * and burn no budget), e.g. weekdays 09:00–17:00 Europe/Berlin.
   */
  schedule?: WeeklySchedule;
}

/**
 * One change of an SLO, as `GET slos/{id}/revisions` lists them: who changed it when, and which
 * fields of its spec the change touched.
 *
 * @public
 */
export interface SloRevisionSummary {
  /** The SLO's version after the change. */
  version: number;
  /** What happened. */
  action: 'created' | 'updated' | 'deleted';
  /** Who: a user or service ref. */
  actor: string;
  /** ISO time of the change. */
  at: string;
  /** For `updated`: the spec fields whose value changed (top level, e.g. `objective`). */
  changedFields: string[];
}

/**
 * A day of the week.
 *
 * @public
 */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * The same stretch of wall-clock time on some days of every week, in a time zone.
 *
 * @public
 */
export interface WeeklySchedule {
  /** The days it starts on. */
  days: Weekday[];
  /** Start, `HH:mm` local time. */
  from: string;
  /** End, `HH:mm` local time (`24:00` is midnight); at or before `from` it ends the next day. */
  to: string;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
}

/**
 * A correction as a client writes it: a period the SLO does not count (planned maintenance, a
 * known-bad dependency window). Exactly one of `once` and `weekly`.
 *
 * @public
 */
export interface SloCorrectionSpec {
  /** Why the period does not count, e.g. `Planned database maintenance`. */
  reason: string;
  /** A one-off period `(start, end]`, ISO times. */
  once?: { start: string; end: string };
  /** A recurring period, e.g. Sundays 02:00–04:00 Europe/Berlin. */
  weekly?: WeeklySchedule;
}

/**
 * A stored correction.
 *
 * @public
 */
export interface SloCorrection extends SloCorrectionSpec {
  /** Stable id (a UUID). */
  id: string;
  /** Who added it: a user or service ref. */
  author: string;
  /** ISO time it was added. */
  createdAt: string;
}

/**
 * A stored SLO.
 *
 * @public
 */
export interface SloDefinition extends SloSpec {
  /** Stable id (a UUID). */
  id: string;
  /**
   * Periods it does not count (`POST slos/{id}/corrections`); not part of the spec a `PUT` sends.
   */
  corrections?: SloCorrection[];
  /** Increments on every change; `PUT` must carry the version it read. */
  version: number;
  /** ISO time of creation. */
  createdAt: string;
  /** ISO time of the last change. */
  updatedAt: string;
}

/**
 * The state of an SLO.
 *
 * - `healthy`: budget left and no alert policy fires.
 * - `at-risk`: an alert policy fires.
 * - `exhausted`: the budget is spent (remaining ≤ 0).
 * - `no-data`: nothing to judge; `reason` says why (source down, no series, no traffic, excluded
 *   time, too few events).
 *
 * @public
 */
export type SloStatus = 'healthy' | 'at-risk' | 'exhausted' | 'no-data';

/**
 * All statuses, worst first.
 *
 * @public
 */
export const SLO_STATUSES: readonly SloStatus[] = [
  'exhausted',
  'at-risk',
  'no-data',
  'healthy',
];

/**
 * Why an evaluation has no numbers.
 *
 * - `source-error`: the metric source was down, timed out or answered garbage.
 * - `no-series`: a query matched no series: the SLI is broken (wrong selector or metric gone).
 * - `no-traffic`: the series exist but counted no events in the window.
 * - `excluded`: nothing of the window is counted: corrections exclude all of it, or it lies wholly
 *   outside the SLO's `schedule` (a business-hours month before its first working hour).
 * - `slices-too-short`: timeslices budgeting where the queries match series but no slice holds the
 *   two samples a count needs (slices no longer than the metric's scrape interval).
 * - `too-few-events`: fewer events than `minEvents`.
 * - `unknown-source`: the SLO names a metric source that is not configured.
 *
 * @public
 */
export type NoDataReason =
  | 'source-error'
  | 'no-series'
  | 'no-traffic'
  | 'excluded'
  | 'slices-too-short'
  | 'too-few-events'
  | 'unknown-source';

/**
 * Good and total events (or slices) over one window.
 *
 * @public
 */
export interface EventCounts {
  /** Good events (or good slices). */
  good: number;
  /** All events (or slices with traffic). */
  total: number;
}

/**
 * The burn rate over one window.
 *
 * @public
 */
export interface BurnRate {
  /** The window, e.g. `1h`. */
  window: string;
  /** Error ratio over the window ÷ (1 − objective); absent without traffic or data. */
  burnRate?: number;
  /** Bad ÷ total over the window. */
  errorRatio?: number;
  /** The counts behind it. */
  counts?: EventCounts;
}

/**
 * One alert policy's state at evaluation time.
 *
 * @public
 */
export interface AlertState {
  /** The policy, in burn-rate terms. */
  policy: ResolvedAlertPolicy;
  /** True when both windows burn faster than the threshold. */
  firing: boolean;
  /** Burn rate over the long window, when known. */
  longBurnRate?: number;
  /** Burn rate over the short window, when known. */
  shortBurnRate?: number;
}

/**
 * What produced an evaluation's numbers, so a reader can check them by hand.
 *
 * @public
 */
export interface SloExplanation {
  /** The queries sent to the metric source. */
  queries: string[];
  /**
   * Which of `queries` counted each window, as indexes into `queries` (stored with every snapshot,
   * so the query texts are not repeated), when the metric source says so: `sloWindow` for the
   * SLI and error budget, `burnRates` by burn-rate window (`1h`, …). Absent when the source does
   * not say, for timeslices budgeting (one slice series serves every window) and in evaluations
   * stored before it existed: then every query served every figure.
   */
  queryIndexesByWindow?: {
    sloWindow: number[];
    burnRates: Record<string, number[]>;
  };
  /** The formulas applied, e.g. `SLI = good / total = 9990 / 10000`. */
  formulas: string[];
  /**
   * Links that open a query in the metric source's own UI, by query text: only for sources whose
   * config names their UI (`uiUrl`), and only http(s) links without a user name or password. The
   * backend adds them when it serves an evaluation.
   */
  queryLinks?: Record<string, string>;
}

/**
 * An SLO evaluated at one moment: what `GET slos/{id}/status` returns and what the snapshots store.
 *
 * @public
 */
export interface SloEvaluation {
  /** The evaluated SLO's id. */
  sloId: string;
  /** The SLO's version the evaluation used. */
  sloVersion: number;
  /** The SLO's entity. */
  entityRef: string;
  /** ISO time the SLO was evaluated as of (`at`). */
  at: string;
  /** ISO time the evaluation ran. */
  evaluatedAt: string;
  /** The verdict; see {@link SloStatus}. */
  status: SloStatus;
  /** For `no-data`: why. */
  noDataReason?: NoDataReason;
  /** A sentence explaining the status, e.g. the source's error. */
  reason?: string;
  /** The SLO window the SLI covers. */
  window: { start: string; end: string };
  /**
   * How many of the SLO's corrections excluded time from `window` when it was evaluated (see
   * `countExcludingCorrections`): corrections added or deleted later do not change it. Absent when
   * the SLO had none then. For an evaluation stored before it was recorded, the backend counts it
   * when read.
   */
  excludedCorrections?: number;
  /** Good ÷ total over the window (events, or slices with `timeslices` budgeting). */
  sli?: number;
  /** Counts over the window. */
  counts?: EventCounts;
  /** The objective, copied for reading convenience. */
  objective: number;
  /** Error budget figures; absent with `no-data`. */
  errorBudget?: {
    /** 1 − (1 − SLI) / (1 − objective); negative when overspent. */
    remaining: number;
    /** 1 − remaining. */
    consumed: number;
    /** Bad events (or slices) the objective allows for the counted total. */
    allowedBad: number;
    /** Bad events (or slices) so far. */
    bad: number;
    /**
     * Seconds until the budget is gone if the current (1 h) burn rate held (`secondsToExhaustion`
     * has the formulas); absent when it would not run out (or, calendar windows, not before the
     * period ends) or the burn rate is unknown.
     */
    secondsToExhaustion?: number;
    /** Calendar windows: the elapsed fraction of the window. */
    windowElapsed?: number;
  };
  /** Burn rates over 5m, 30m, 1h, 2h, 6h, 1d, 3d and any other policy window, shortest first. */
  burnRates: BurnRate[];
  /** Every alert policy with whether it fires. */
  alerts: AlertState[];
  /** The queries and formulas behind the numbers. */
  explanation: SloExplanation;
}

/**
 * An evaluation without its explanation, as an entity's SLO list carries it
 * (`GET /entities/{kind}/{namespace}/{name}/slos`): the explanation's queries, formulas and links
 * are most of an evaluation's size and are read for one SLO when asked (`GET /slos/{id}/snapshot`).
 *
 * @public
 */
export type SloEvaluationSummary = Omit<SloEvaluation, 'explanation'>;

/**
 * One point of an SLO's history, for burndown charts.
 *
 * @public
 */
export interface SloHistoryPoint {
  /** ISO time evaluated as of. */
  at: string;
  /** The status then. */
  status: SloStatus;
  /** The SLI then, when there was data. */
  sli?: number;
  /** Error budget remaining then (may be negative). */
  budgetRemaining?: number;
  /** Burn rate over 1 h, when known. */
  burnRate1h?: number;
}
