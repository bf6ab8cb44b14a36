/*
 * Evaluates one SLO as of a moment: asks its metric source for event counts over the SLO window
 * and every burn-rate window in one request, then hands the counts to the pure `evaluateSlo` of the
 * common package (the same math the UI uses).
 *
 * Whatever goes wrong with the source (unknown, down, slow, garbage) becomes a `no-data`
 * evaluation with the reason; this class never throws for a source problem, so one broken source
 * cannot stop the evaluation of the other SLOs.
 *
 * Counting rules that are a judgement call:
 * - `total` matching no series is a broken SLI (`no-series`), as is `good` matching none while
 *   `total` has series (reading it as 0 would report a false outage).
 * - `bad` matching no series while `total` has series counts as 0 bad events: error counters
 *   often appear only after the first error. The explanation says so.
 * - Timeslices: no slice counted at all is either a broken SLI or slices too short for the
 *   metric (a count needs two samples in its slice); one more query over the whole SLO window,
 *   asked only then, tells which (`slices-too-short`).
 */
import {
  EventCounts,
  SloDefinition,
  SloEvaluation,
  burnWindowsFor,
  countExcludingCorrections,
  countGoodSlices,
  evaluateSlo,
  httpLink,
  noDataEvaluation,
  parseDuration,
  resolveAlertPolicies,
  sloWindowAt,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  CountWindow,
  MetricSource,
} from '@stewardship/backstage-plugin-stewardship-node';
import { snippet } from '../metricSources/sourceHttp';
import { sliceGrid } from '../metricSources/sliceGrid';
import { sliQueries } from './sliQueries';
import { countsFromBad } from './badEventCounts';
import { CountPlan, planCountWindows, sliceIsCounted } from './countedWindows';
import { withDeadline } from '../lib/withDeadline';
import { errorMessage } from '../lib/errorMessage';

/** The key of the whole SLO window among the count windows. */
const SLO_WINDOW = 'slo';

type QueryCounts = Record<string, number | null>;

class InvalidCountsError extends Error {}

/** Good and total from a source's named counts; null when the SLI matched no series. */
function toEventCounts(
  counts: QueryCounts | undefined,
  notes: Set<string>,
): EventCounts | null {
  if (!counts) return null;
  // evaluateSlo checks the window counts again, but per-slice counts (timeslices) only pass here.
  const values = Object.values(counts).filter((v): v is number => v !== null);
  if (values.some(v => !Number.isFinite(v) || v < 0)) {
    throw new InvalidCountsError(
      `the source returned an invalid count (${values.join(', ')})`,
    );
  }
  const total = counts.total;
  if (total === null || total === undefined) return null;
  if ('bad' in counts) {
    if (counts.bad === null) {
      notes.add(
        'The bad-event query matched no series; counted as 0 bad events.',
      );
    }
    const { counts: derived, clamped } = countsFromBad(counts.bad ?? 0, total);
    if (clamped) {
      notes.add(
        'The bad-event query counted up to 0.1 % more events than total (extrapolation noise); counted as bad = total.',
      );
    }
    return derived;
  }
  if (counts.good === null || counts.good === undefined) return null;
  return { good: counts.good, total };
}

/** Evaluates SLOs against their metric sources. */
export class SloEvaluator {
  constructor(
    private readonly sources: ReadonlyMap<string, MetricSource>,
    private readonly options: {
      /** Per-SLO budget for the source's answer. */
      queryTimeoutMs: number;
      now?: () => Date;
    },
  ) {}

  /** The names of the configured sources. */
  get sourceNames(): string[] {
    return [...this.sources.keys()];
  }

  /** The source configured under `name`, if any. */
  source(name: string): MetricSource | undefined {
    return this.sources.get(name);
  }

  /**
   * The evaluation with `explanation.queryLinks`: each query opened in the SLO's source's own UI,
   * when the source offers links (Prometheus with a `uiUrl`). Computed when served, not stored,
   * so a changed UI address applies to old snapshots too. A failing link is left out.
   */
  withQueryLinks(slo: SloDefinition, evaluation: SloEvaluation): SloEvaluation {
    const source = this.sources.get(slo.metricSource);
    if (!source?.queryLink) {
      return evaluation;
    }
    const end = new Date(evaluation.at);
    const startOf = queryWindowStarts(evaluation);
    const queryLinks: Record<string, string> = {};
    for (const query of evaluation.explanation.queries) {
      try {
        // A module's source may build any string: only an http(s) address becomes a link.
        const link = httpLink(
          source.queryLink({
            query,
            start: startOf.get(query) ?? new Date(evaluation.window.start),
            end,
          }),
        );
        if (link) queryLinks[query] = link;
      } catch {
        // A link is a convenience: never let it break reading the numbers.
      }
    }
    if (Object.keys(queryLinks).length === 0) {
      return evaluation;
    }
    return {
      ...evaluation,
      explanation: { ...evaluation.explanation, queryLinks },
    };
  }

  /**
   * Evaluates `slo` as of `at`. Never throws for a source problem; throws only when `signal` (an
   * evaluation run's) aborts, before the source is asked or while it answers: an aborted run is
   * not a `no-data` evaluation, and no further query is sent for it.
   */
  async evaluate(
    slo: SloDefinition,
    at: Date,
    options: { signal?: AbortSignal } = {},
  ): Promise<SloEvaluation> {
    const evaluation = await this.measure(slo, at, options);
    if (!slo.corrections?.length) return evaluation;
    // Recorded with the figures: the SLO's corrections change later, and a view of this
    // evaluation (as of a past moment too) must say what these figures left out.
    return {
      ...evaluation,
      excludedCorrections: countExcludingCorrections(
        slo.corrections,
        Date.parse(evaluation.window.start),
        Date.parse(evaluation.window.end),
      ),
    };
  }

  private async measure(
    slo: SloDefinition,
    at: Date,
    options: { signal?: AbortSignal },
  ): Promise<SloEvaluation> {
    const runSignal = options.signal;
    runSignal?.throwIfAborted();
    const evaluatedAt = (this.options.now ?? (() => new Date()))();
    const queries = sliQueries(slo.sli);
    const source = this.sources.get(slo.metricSource);
    if (!source) {
      return noDataEvaluation({
        slo,
        at,
        evaluatedAt,
        reason: 'unknown-source',
        message: `No metric source "${
          slo.metricSource
        }" is configured under stewardship.metricSources (configured: ${
          this.sourceNames.join(', ') || 'none'
        })`,
        queries: Object.values(queries),
      });
    }

    const window = sloWindowAt(slo.timeWindow, at);
    const { policies } = resolveAlertPolicies(slo.alertPolicies, {
      objective: slo.objective,
      periodSeconds: window.periodSeconds,
    });
    const burnWindows = burnWindowsFor(policies);
    const countWindows: CountWindow[] = [
      { key: SLO_WINDOW, start: window.start, end: at },
      ...burnWindows.map(key => ({
        key,
        start: new Date(at.getTime() - parseDuration(key)! * 1000),
        end: at,
      })),
    ];

    const notes = new Set<string>();
    // Corrections and business hours: the source counts only the counted intervals.
    const plan = planCountWindows(countWindows, Object.keys(queries), {
      schedule: slo.schedule,
      corrections: slo.corrections,
    });
    if (plan.cut) {
      notes.add(countedTimeNote(slo, countWindows[0], plan));
    }
    const deadline = AbortSignal.timeout(this.options.queryTimeoutMs);
    // The source sees one signal: this SLO's deadline or the run's abort, whichever comes first.
    const signal = runSignal
      ? AbortSignal.any([runSignal, deadline])
      : deadline;
    try {
      const { counts, issuedQueries, queriesByWindow, slicesTooShort } =
        await withDeadline(
          slo.budgetingMethod === 'timeslices'
            ? this.countSlices(
                source,
                slo,
                queries,
                countWindows,
                plan,
                signal,
                notes,
              )
            : this.countOccurrences(source, queries, plan, signal, notes),
          signal,
        );
      if (slicesTooShort) {
        const evaluation = noDataEvaluation({
          slo,
          at,
          evaluatedAt,
          reason: 'slices-too-short',
          message: `no ${
            slo.timeslice!.duration
          } slice held the two samples a count needs, though the queries match series in the SLO window: make slices at least twice as long as the metric's scrape interval`,
          queries: issuedQueries,
        });
        evaluation.explanation.formulas.push(...notes);
        return evaluation;
      }
      const evaluation = evaluateSlo({
        slo,
        at,
        evaluatedAt,
        windowCounts: counts[SLO_WINDOW] ?? null,
        burnCounts: Object.fromEntries(
          burnWindows.map(key => [key, counts[key] ?? null]),
        ),
        queries: issuedQueries,
        ...(queriesByWindow && {
          queriesByWindow: {
            sloWindow: queriesByWindow[SLO_WINDOW] ?? [],
            burnRates: Object.fromEntries(
              burnWindows.map(key => [key, queriesByWindow[key] ?? []]),
            ),
          },
        }),
      });
      evaluation.explanation.formulas.push(...notes);
      return evaluation;
    } catch (error) {
      runSignal?.throwIfAborted();
      // Stored with the snapshot and shown as its reason: one line, bounded, whatever a module's
      // source throws.
      const cause = snippet(errorMessage(error), 1000);
      return noDataEvaluation({
        slo,
        at,
        evaluatedAt,
        reason: 'source-error',
        message: deadline.aborted
          ? `Metric source "${slo.metricSource}" did not answer within ${this.options.queryTimeoutMs} ms`
          : `Metric source "${slo.metricSource}" failed: ${cause}`,
        queries: Object.values(queries),
      });
    }
  }

  private async countOccurrences(
    source: MetricSource,
    queries: Record<string, string>,
    plan: CountPlan,
    signal: AbortSignal,
    notes: Set<string>,
  ): Promise<SourceCounts> {
    const counts: Record<string, EventCounts | null> = {};
    if (plan.windows.length === 0) {
      // Every window lies in excluded time: nothing to ask, nothing counted.
      for (const key of Object.keys(plan.intervals)) {
        counts[key] = toEventCounts(plan.combine({})[key], notes);
      }
      return { counts, issuedQueries: [] };
    }
    const result = await source.countEvents({
      queries,
      windows: plan.windows,
      signal,
    });
    const combined = plan.combine(result.counts);
    for (const key of Object.keys(plan.intervals)) {
      counts[key] = toEventCounts(combined[key], notes);
    }
    return {
      counts,
      issuedQueries: result.issuedQueries,
      // Sent windows cut by corrections or business hours are put back under their window's key.
      ...(result.queriesByWindow && {
        queriesByWindow: plan.combineQueries(result.queriesByWindow),
      }),
    };
  }

  /**
   * Timeslices: one slice series, aligned on `at`, over the SLO window and every burn-rate window
   * (a burn-rate window reaches back its own length, before the SLO window's start too, as it
   * does with occurrences); every window counts its own slices.
   */
  private async countSlices(
    source: MetricSource,
    slo: SloDefinition,
    queries: Record<string, string>,
    windows: CountWindow[],
    plan: CountPlan,
    signal: AbortSignal,
    notes: Set<string>,
  ): Promise<SourceCounts> {
    const timeslice = slo.timeslice!;
    const sliceSeconds = parseDuration(timeslice.duration)!;
    const sliceMs = sliceSeconds * 1000;
    const sloWindow = windows[0];
    // The slices are fetched so that a burn-rate window shorter than a slice still sees the
    // slice that ends last; the SLO window itself counts only whole slices inside it.
    const fromOf = ({ start, end }: CountWindow) =>
      Math.min(start.getTime(), end.getTime() - sliceMs);
    const fetchStart = new Date(Math.min(...windows.map(fromOf)));
    const result = await source.countEventsPerSlice({
      queries,
      start: fetchStart,
      end: sloWindow.end,
      sliceSeconds,
      signal,
    });
    const slices = result.slices.map(slice => ({
      end: slice.end.getTime(),
      counts: toEventCounts(slice.counts, notes),
    }));
    // The slices the source counts on (the contract's grid), whether it answered them or not.
    const grid = sliceGrid(
      slo.metricSource,
      fetchStart,
      sloWindow.end,
      sliceSeconds,
    );
    const gridEnds = Array.from(
      { length: grid.count },
      (_, k) => grid.firstEndMs + k * grid.sliceMs,
    );
    const counts: Record<string, EventCounts | null> = {};
    for (const window of windows) {
      const { key, end } = window;
      // The SLO window counts its whole slices only, as the source's grid over it alone would; a
      // burn-rate window the slices ending in it.
      const inWindow =
        key === sloWindow.key
          ? (sliceEnd: number) =>
              sliceEnd - sliceMs >= sloWindow.start.getTime()
          : (sliceEnd: number) => sliceEnd > fromOf(window);
      // Corrections and business hours: a slice counts only when it lies wholly in counted time
      // (of the SLO window, or of a burn-rate window reaching back before it).
      const counted = (sliceEnd: number) =>
        inWindow(sliceEnd) &&
        sliceEnd <= end.getTime() &&
        (!plan.cut ||
          sliceIsCounted(
            plan.intervals[sloWindow.key],
            sliceEnd,
            sliceSeconds,
          ) ||
          sliceIsCounted(plan.intervals[key], sliceEnd, sliceSeconds));
      // No whole counted slice fits in the window yet (a month 30 minutes old with 1 h slices, a
      // business-hours month before its first working day): nothing to count, as occurrences
      // count no events then, not a query that matched no series.
      if (!gridEnds.some(counted)) {
        counts[key] = { good: 0, total: 0 };
        continue;
      }
      const countedSlices = slices.filter(s => counted(s.end));
      counts[key] =
        countedSlices.length === 0 ||
        countedSlices.every(s => s.counts === null)
          ? null
          : countGoodSlices(
              countedSlices.map(s => ({
                good: s.counts?.good ?? null,
                total: s.counts?.total ?? null,
              })),
              timeslice.target,
            );
    }
    if (
      counts[sloWindow.key] === null &&
      result.slices.every(slice => (slice.counts.total ?? null) === null)
    ) {
      // Prometheus answers nothing for a slice holding fewer than two samples (increase() needs
      // two), so slices no longer than the metric's scrape interval look like a query matching
      // no series. Whether the queries match series over the SLO window tells the two apart.
      const probe = await source.countEvents({
        queries,
        windows: [sloWindow],
        signal,
      });
      const matched =
        toEventCounts(probe.counts[sloWindow.key], new Set()) !== null;
      return {
        counts,
        issuedQueries: [...result.issuedQueries, ...probe.issuedQueries],
        slicesTooShort: matched,
      };
    }
    return { counts, issuedQueries: result.issuedQueries };
  }
}

/**
 * The start of the window each query counted over, where the explanation says (a burn-rate
 * window's queries: `at` − the window); the SLO window's start for the rest.
 */
function queryWindowStarts(evaluation: SloEvaluation): Map<string, Date> {
  const starts = new Map<string, Date>();
  const { queries, queryIndexesByWindow: byWindow } = evaluation.explanation;
  const at = Date.parse(evaluation.at);
  for (const [window, indexes] of Object.entries(byWindow?.burnRates ?? {})) {
    const seconds = parseDuration(window);
    if (seconds === undefined) continue;
    for (const index of indexes) {
      starts.set(queries[index], new Date(at - seconds * 1000));
    }
  }
  // A query that also counted the SLO window (the same text) is linked as the SLO window's.
  for (const index of byWindow?.sloWindow ?? []) {
    starts.delete(queries[index]);
  }
  return starts;
}

/** What a source counted, per original window key, and the queries it sent. */
interface SourceCounts {
  counts: Record<string, EventCounts | null>;
  issuedQueries: string[];
  /** Only when the source says which queries counted which window (never for timeslices). */
  queriesByWindow?: Record<string, string[]>;
  /** Timeslices: the queries match series, but no slice held enough samples to count. */
  slicesTooShort?: boolean;
}

/** The explanation's line about the time the SLO window counts, e.g. `Counted: 401 h of 408 h …`. */
function countedTimeNote(
  slo: SloDefinition,
  sloWindow: CountWindow,
  plan: CountPlan,
): string {
  const hours = (ms: number) => `${Number((ms / 3_600_000).toFixed(2))} h`;
  const counted = plan.intervals[sloWindow.key].reduce(
    (sum, i) => sum + (i.end - i.start),
    0,
  );
  const whole = sloWindow.end.getTime() - sloWindow.start.getTime();
  // The count `excludedCorrections` records: those cutting the SLO window, not every one.
  const excluded = countExcludingCorrections(
    slo.corrections ?? [],
    sloWindow.start.getTime(),
    sloWindow.end.getTime(),
  );
  const why = [
    slo.schedule &&
      `only ${slo.schedule.days.join(', ')} ${slo.schedule.from}–${
        slo.schedule.to
      } ${slo.schedule.timeZone}`,
    excluded > 0 &&
      `${excluded} correction${excluded === 1 ? '' : 's'} excluded`,
  ]
    .filter(Boolean)
    .join('; ');
  return `Counted time: ${hours(counted)} of the ${hours(
    whole,
  )} SLO window (${why}); events outside it are not counted and burn no budget.`;
}
