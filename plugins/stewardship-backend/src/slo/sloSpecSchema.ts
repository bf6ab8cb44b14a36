/*
 * The one validation of SLO input, shared by the REST routes (POST/PUT) and by the OpenSLO/Sloth
 * import, so that both enforce the same rules and report problems with the same paths
 * (`sli.good`, `alertPolicies[0].burnRate`, `labels["team.io/tier"]`).
 *
 * Cross-field rules (timeslices, slice vs window) run even when other fields are wrong, so a
 * client sees every problem at once rather than one round trip per mistake.
 */
import {
  formatDuration,
  isKnownTimeZone,
  parseDuration,
  SloSpec,
  weeklyScheduleProblems,
  SloCorrectionSpec,
} from '@stewardship/backstage-plugin-stewardship-common';
import { MetricSource } from '@stewardship/backstage-plugin-stewardship-node';
import { z } from 'zod/v4';
import { errorMessage } from '../lib/errorMessage';
import { entityRefSchema } from '../lib/entityRefs';
import { momentProblem } from '../lib/momentProblem';
import { codePointName, noControlCharacters } from './controlCharacters';
import { thresholdBucketMismatch } from './histogramBuckets';

/** A problem with one field of the input. */
export interface SloSpecProblem {
  /** Where, e.g. `sli.good` or `alertPolicies[0].burnRate`; empty for the whole input. */
  path: string;
  message: string;
}

export type ParseSloSpecResult =
  | { ok: true; spec: SloSpec }
  | { ok: false; problems: SloSpecProblem[] };

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
// The shortest length each calendar window can have, so a slice is checked against the worst case.
const CALENDAR_MIN_SECONDS = { month: 28 * DAY, quarter: 90 * DAY };
// The longest, with the hours a zone's clocks going back add (Antarctica/Troll: 2), so the slices
// counted are bounded in the longest month or quarter too.
const CALENDAR_MAX_SECONDS = {
  month: 31 * DAY + 2 * HOUR,
  quarter: 92 * DAY + 2 * HOUR,
};
const MAX_WINDOW_SECONDS = 400 * DAY;
// A slice shorter than a minute is finer than most scrape intervals (no counter moves in it) and
// multiplies the range queries of every evaluation and preview (1s slices took a preview 8–12 s).
const MIN_SLICE_SECONDS = MINUTE;
// The slices one evaluation counts: a month of 1m slices (44,640) fits; Prometheus answers them in
// five range queries of 11,000 points.
const MAX_SLICES = 50_000;
const MAX_QUERY_LENGTH = 4000;
const MAX_LABELS = 50;

/** A Prometheus-style duration, optionally bounded, with the bound's reason when it needs one. */
function duration(
  bounds: {
    min?: number;
    max?: number;
    tooShort?: string;
    tooLong?: string;
  } = {},
) {
  const { min, max } = bounds;
  return z.string().superRefine((text, ctx) => {
    const seconds = parseDuration(text);
    if (seconds === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `"${text}" is not a duration; write e.g. 30s, 5m, 1h, 28d or 1h30m`,
      });
    } else if (min !== undefined && seconds < min) {
      ctx.addIssue({
        code: 'custom',
        message: bounds.tooShort ?? `Must be at least ${formatDuration(min)}`,
      });
    } else if (max !== undefined && seconds > max) {
      ctx.addIssue({
        code: 'custom',
        message: bounds.tooLong ?? `Must be at most ${formatDuration(max)}`,
      });
    }
  });
}

// Beyond the longest SLO window an alert window means nothing more, and a window past what a date
// can hold made every evaluation fail ("Invalid time value") long after it was saved.
const alertWindow = duration({
  max: MAX_WINDOW_SECONDS,
  tooLong: `Must be at most ${formatDuration(
    MAX_WINDOW_SECONDS,
  )}, the longest time window an SLO can have`,
});

// A bare name means a component: the entity behind an SLO is almost always a service.
const entityRef = entityRefSchema({ defaultKind: 'component' });

// Names appear in URLs, metric labels and alert names, so they stay lower-case and free of
// spaces: letters, digits and `-`, `_`, `.` inside, starting and ending with a letter or digit.
const name = z
  .string()
  .min(1, { abort: true })
  .max(100, { abort: true })
  .regex(/^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/, {
    message:
      'Use lower-case letters, digits and - _ . (starting and ending with a letter or digit)',
  });

const SELECTOR = /^[a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^{}]*\})?$/;
const PROMQL_HINT =
  'Write either a counter selector, a metric name optionally followed by {…} ' +
  '(http_requests_total{job="api"}), or a PromQL expression containing {{.window}} ' +
  '(sum(increase(http_requests_total{job="api"}[{{.window}}])))';

/**
 * Why `query` is not one of the two forms a Prometheus source counts (a counter selector, or PromQL
 * with `{{.window}}`); undefined when it is one. The Prometheus source's `validateQuery`.
 */
export function promqlQueryProblem(query: string): string | undefined {
  const text = query.trim();
  if (!text.includes('{{.window}}') && !SELECTOR.test(text)) {
    return PROMQL_HINT;
  }
  const perSecond = perSecondWindowCalls(text)[0];
  return perSecond ? perSecondProblem(perSecond.name) : undefined;
}

/** Why a `rate(` or `irate(` over `{{.window}}` cannot be an event query, and what to write. */
function perSecondProblem(functionName: PerSecondWindowCall['name']): string {
  return (
    `${functionName}(…[{{.window}}]) gives events per second, but the engine needs the number of events ` +
    'in the window (a per-second rate read as a count makes a quiet service of a busy one): ' +
    'write increase(…[{{.window}}]), e.g. sum(increase(http_requests_total{job="api"}[{{.window}}]))'
  );
}

/** A `rate(` or `irate(` call over Sloth's `[{{.window}}]` range in a PromQL expression. */
export interface PerSecondWindowCall {
  name: 'rate' | 'irate';
  /** Where its name starts in the expression. */
  index: number;
}

// A function name, not the end of a longer name (`my_rate(` is no call of rate).
const PER_SECOND_FUNCTION = /(?<![\w:])(i?rate)\s*\(/y;
const WINDOW_RANGE = /\[\s*\{\{\s*\.window\s*\}\}\s*(?::[^\]]*)?\]/;

/**
 * The `rate(…[{{.window}}])` and `irate(…[{{.window}}])` calls of `expression`, in order. Both give
 * events per second where every query must give a count (Sloth's own examples use `rate`, as its
 * generated rules compare ratios, in which the per-second factor cancels out). A range other
 * than the window (`rate(x[5m])` inside a subquery) is left alone; string literals are skipped.
 */
export function perSecondWindowCalls(
  expression: string,
): PerSecondWindowCall[] {
  const calls: PerSecondWindowCall[] = [];
  for (let i = 0; i < expression.length; i++) {
    const literalEnd = stringLiteralEnd(expression, i);
    if (literalEnd !== undefined) {
      i = literalEnd;
      continue;
    }
    PER_SECOND_FUNCTION.lastIndex = i;
    const call = PER_SECOND_FUNCTION.exec(expression);
    if (call) {
      const open = i + call[0].length - 1;
      const argument = expression.slice(
        open + 1,
        closingParenthesis(expression, open),
      );
      if (WINDOW_RANGE.test(argument)) {
        calls.push({ name: call[1] as PerSecondWindowCall['name'], index: i });
      }
    }
  }
  return calls;
}

/** The index of the closing quote of a string literal starting at `start`, else undefined. */
function stringLiteralEnd(text: string, start: number): number | undefined {
  const quote = text[start];
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined;
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}

/** The index of the parenthesis closing the one at `open` (the text's end when none does). */
function closingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const literalEnd = stringLiteralEnd(text, i);
    if (literalEnd !== undefined) {
      i = literalEnd;
    } else if (text[i] === '(') {
      depth++;
    } else if (text[i] === ')' && --depth === 0) {
      return i;
    }
  }
  return text.length;
}

/** What every SLI query must be, whatever its source: the rest is the source's (`sliQueryProblem`). */
const anySourceQuery = z
  .string()
  .trim()
  .min(1, { message: 'The query is empty', abort: true })
  .max(MAX_QUERY_LENGTH, { abort: true })
  .superRefine(noControlCharacters({ freeText: true }));

/**
 * The check of a caller that does not know the installation's sources (the OpenSLO / Sloth
 * import): the Prometheus forms, on the field itself.
 */
const promqlQuery = anySourceQuery.superRefine((text, ctx) => {
  const problem = promqlQueryProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

type QuerySchema = typeof anySourceQuery;

const ratioSli = (query: QuerySchema) =>
  z
    .strictObject({
      type: z.literal('ratio'),
      good: query.optional(),
      bad: query.optional(),
      total: query,
    })
    .superRefine((sli, ctx) => {
      if ((sli.good === undefined) === (sli.bad === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [sli.good === undefined ? 'good' : 'bad'],
          message: 'Give exactly one of good and bad',
        });
      }
    });

const latencySli = (query: QuerySchema) =>
  z
    .strictObject({
      type: z.literal('latency'),
      thresholdSeconds: z.number().positive(),
      good: query,
      total: query,
    })
    .superRefine((sli, ctx) => {
      // The bucket a good query counts is the threshold the SLI measures; a different
      // thresholdSeconds would have the SLOs tab say "requests slower than 300 ms" of 500 ms.
      const mismatch = thresholdBucketMismatch(sli.thresholdSeconds, sli.good);
      if (mismatch) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholdSeconds'],
          message: mismatch,
        });
      }
    });

const timeWindow = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('rolling'),
    duration: duration({ min: HOUR, max: MAX_WINDOW_SECONDS }),
  }),
  z.strictObject({
    type: z.literal('calendar'),
    unit: z.enum(['month', 'quarter']),
    timeZone: z
      .string()
      .refine(isKnownTimeZone, {
        message: 'Not an IANA time zone, e.g. Europe/Berlin',
      })
      .transform(timeZoneAsSpelled),
  }),
]);

const severity = z.enum(['page', 'ticket']);
const ALERT_POLICY_FORMS = {
  preset: z.strictObject({ preset: z.literal('sre-workbook') }),
  budget: z.strictObject({
    name: name.optional(),
    severity,
    budgetPercent: z.number().gt(0).lte(100),
    within: alertWindow,
    shortWindow: alertWindow.optional(),
  }),
  burnRate: z.strictObject({
    name: name.optional(),
    severity,
    burnRate: z.number().positive(),
    longWindow: alertWindow,
    shortWindow: alertWindow,
  }),
};

// A plain union would report "Invalid input" for the whole policy; picking the form by its
// distinguishing field gives a problem on the field that is actually wrong.
const alertPolicy = z.unknown().transform((value, ctx) => {
  const fields = typeof value === 'object' && value !== null ? value : {};
  let form: keyof typeof ALERT_POLICY_FORMS | undefined;
  if ('preset' in fields) form = 'preset';
  else if ('burnRate' in fields) form = 'burnRate';
  else if ('budgetPercent' in fields || 'within' in fields) form = 'budget';
  if (!form) {
    ctx.addIssue({
      code: 'custom',
      message:
        'Expected { preset: sre-workbook }, budget terms { severity, budgetPercent, within } ' +
        'or burn-rate terms { severity, burnRate, longWindow, shortWindow }',
    });
    return z.NEVER;
  }
  const result = ALERT_POLICY_FORMS[form].safeParse(value);
  if (!result.success) {
    // Re-raised as they are, so their paths continue below the policy's index.
    result.error.issues.forEach(issue =>
      ctx.addIssue(issue as unknown as z.core.$ZodRawIssue),
    );
    return z.NEVER;
  }
  return result.data;
});

/**
 * A weekly schedule; the field rules (days, time zone, times) are the common package's. Its time
 * zone is stored as the tz database spells it.
 */
export const weeklySchedule = z
  .strictObject({
    days: z
      .array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))
      .max(7),
    from: z.string().max(5),
    to: z.string().max(5),
    timeZone: z.string().min(1).max(100),
  })
  .superRefine((schedule, ctx) => {
    for (const problem of weeklyScheduleProblems(schedule)) {
      ctx.addIssue({
        code: 'custom',
        path: [problem.path],
        message: problem.message,
      });
    }
  })
  .transform(schedule => ({
    ...schedule,
    timeZone: timeZoneAsSpelled(schedule.timeZone),
  }));

const OBJECTIVE_RANGE =
  'The objective is a fraction above 0 and below 1, e.g. 0.999 for 99.9 % (1 would leave no error budget)';

const specShape = (query: QuerySchema) => ({
  entityRef,
  name,
  description: z
    .string()
    .max(2000)
    .superRefine(noControlCharacters({ freeText: true }))
    .optional(),
  sli: z.discriminatedUnion('type', [ratioSli(query), latencySli(query)]),
  objective: z
    .number()
    .gt(0, { message: OBJECTIVE_RANGE })
    .lt(1, { message: OBJECTIVE_RANGE }),
  timeWindow,
  budgetingMethod: z.enum(['occurrences', 'timeslices']).default('occurrences'),
  timeslice: z
    .strictObject({
      duration: duration({
        min: MIN_SLICE_SECONDS,
        tooShort: `Must be at least ${formatDuration(
          MIN_SLICE_SECONDS,
        )}: a shorter slice is finer than most scrape intervals and multiplies the queries of every evaluation`,
      }),
      target: z.number().gt(0).lte(1),
    })
    .optional(),
  metricSource: z
    .string()
    .trim()
    .min(1)
    .superRefine(noControlCharacters({ freeText: false })),
  alertPolicies: z.array(alertPolicy).default([]),
  labels: z
    .unknown()
    // JSON.parse makes `__proto__` an own key, but zod's record skips it, so the label would
    // be dropped without a word: refused before the record reads the labels.
    .superRefine((labels, ctx) => {
      if (
        typeof labels === 'object' &&
        labels !== null &&
        Object.prototype.hasOwnProperty.call(labels, '__proto__')
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['__proto__'],
          message:
            'The key "__proto__" is not allowed: no field or label may have this name',
        });
      }
    })
    .pipe(
      z.record(
        z
          .string()
          .min(1)
          .max(100)
          .superRefine(noControlCharacters({ freeText: false })),
        z
          .string()
          .max(200)
          .superRefine(noControlCharacters({ freeText: false })),
      ),
    )
    .refine(labels => Object.keys(labels).length <= MAX_LABELS, {
      message: `At most ${MAX_LABELS} labels`,
    })
    .default({}),
  minEvents: z.number().int().min(1).optional(),
  schedule: weeklySchedule.optional(),
});

function checkTimeslices(input: unknown, ctx: z.RefinementCtx) {
  // Runs even when fields are invalid (see `always`), so nothing here may assume their types.
  if (typeof input !== 'object' || input === null) return;
  const {
    budgetingMethod,
    timeslice,
    timeWindow: window,
  } = input as Record<string, any>;
  if (budgetingMethod === 'timeslices' && timeslice === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['timeslice'],
      message: 'Timeslices budgeting needs timeslice { duration, target }',
    });
  }
  if (budgetingMethod !== 'timeslices' && timeslice !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['timeslice'],
      message: 'timeslice only applies to budgetingMethod: timeslices',
    });
  }
  const slice = parseDuration(timeslice?.duration);
  const windowSeconds =
    window?.type === 'rolling'
      ? parseDuration(window.duration)
      : CALENDAR_MIN_SECONDS[window?.unit as 'month' | 'quarter'];
  if (
    slice !== undefined &&
    windowSeconds !== undefined &&
    slice >= windowSeconds
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['timeslice', 'duration'],
      message: 'The slice must be shorter than the time window',
    });
  } else if (
    budgetingMethod === 'timeslices' &&
    slice !== undefined &&
    slice >= MIN_SLICE_SECONDS
  ) {
    const tooMany = tooManySlices(slice, input as Record<string, any>);
    if (tooMany) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeslice', 'duration'],
        message: tooMany,
      });
    }
  }
}

/** A stretch the slices are counted over, and how a person would name it. */
interface SliceSpan {
  seconds: number;
  what: string;
}

/**
 * Why `slice` makes an evaluation count too many slices, or undefined. The slices are fetched over
 * the SLO window and every alert window (each counts its own), so the longest of them decides.
 */
function tooManySlices(
  slice: number,
  input: Record<string, any>,
): string | undefined {
  const spans = [windowSpan(input.timeWindow), ...alertWindowSpans(input)];
  const longest = spans.reduce<SliceSpan | undefined>(
    (found, span) =>
      span && span.seconds > (found?.seconds ?? 0) ? span : found,
    undefined,
  );
  if (!longest || longest.seconds / slice <= MAX_SLICES) return undefined;
  const count = formatCount(Math.floor(longest.seconds / slice));
  const most = formatCount(MAX_SLICES);
  // Whole minutes, rounded up, so the advice given always fits.
  const shortest = Math.ceil(longest.seconds / MAX_SLICES / MINUTE) * MINUTE;
  return `${count} slices of ${formatDuration(slice)} fit in ${
    longest.what
  }; an evaluation counts at most ${most}: make the slice at least ${formatDuration(
    shortest,
  )}`;
}

function windowSpan(window: any): SliceSpan | undefined {
  if (window?.type === 'rolling') {
    const seconds = parseDuration(window.duration);
    if (seconds === undefined || seconds > MAX_WINDOW_SECONDS) return undefined;
    return { seconds, what: `the ${window.duration} time window` };
  }
  const seconds =
    CALENDAR_MAX_SECONDS[window?.unit as keyof typeof CALENDAR_MAX_SECONDS];
  return seconds === undefined
    ? undefined
    : {
        seconds,
        what: `the longest calendar ${window.unit} (${formatDuration(
          seconds,
        )})`,
      };
}

/**
 * The long window of each written alert policy, where valid. The preset's longest window (3d)
 * holds 4,320 slices of a minute, far below the cap, so it is left out.
 */
function alertWindowSpans(
  input: Record<string, any>,
): Array<SliceSpan | undefined> {
  const policies: any[] = Array.isArray(input.alertPolicies)
    ? input.alertPolicies
    : [];
  return policies.map((policy, index) => {
    const text = policy?.longWindow ?? policy?.within;
    const seconds = parseDuration(text);
    return seconds === undefined || seconds > MAX_WINDOW_SECONDS
      ? undefined
      : {
          seconds,
          what: `the ${text} alert window of alertPolicies[${index}]`,
        };
  });
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

const always = { when: () => true };

/**
 * Validates and normalises an SLO as a client writes it (see `SloSpec`), its queries in the forms
 * of a Prometheus source (what a caller that does not know the SLO's source can check).
 */
export const sloSpecSchema = z
  .strictObject(specShape(promqlQuery))
  .check(z.superRefine(checkTimeslices, always));

/** A `PUT` body: the spec plus the version the client read, for optimistic locking. */
export const sloUpdateSchema = z
  .strictObject({ ...specShape(promqlQuery), version: z.number().int().min(1) })
  .check(z.superRefine(checkTimeslices, always));

// The same with only the checks every source's queries share; the source checks the rest.
const anySourceSpecSchema = z
  .strictObject(specShape(anySourceQuery))
  .check(z.superRefine(checkTimeslices, always));
const anySourceUpdateSchema = z
  .strictObject({
    ...specShape(anySourceQuery),
    version: z.number().int().min(1),
  })
  .check(z.superRefine(checkTimeslices, always));

/** Options of {@link parseSloSpec} and {@link parseSloUpdate}. */
export interface SloSpecParseOptions {
  /**
   * Why `query` (trimmed, past the checks every query gets) is not a query of the metric source
   * named `metricSource`, or undefined when it is one (see {@link sliQueryProblem}). Without it,
   * queries must be in the forms of a Prometheus source.
   */
  queryProblem?: (metricSource: string, query: string) => string | undefined;
}

/** The longest message of a source's `validateQuery` a 400 repeats. */
const MAX_SOURCE_MESSAGE = 500;

/**
 * Why `query` is not one `source` can count with: its own `validateQuery` (the built-in sources',
 * a module's), or nothing more than the checks every query gets when it declares none. Undefined
 * for an unknown source: that is a problem of `metricSource`, reported there.
 */
export function sliQueryProblem(
  source: MetricSource | undefined,
  query: string,
): string | undefined {
  if (!source?.validateQuery) return undefined;
  let message: unknown;
  try {
    message = source.validateQuery(query);
  } catch (error) {
    message = `The metric source could not check this query: ${errorMessage(
      error,
    )}`;
  }
  if (message === undefined || message === null || message === '') {
    return undefined;
  }
  // A module's text goes into a 400: on one line, bounded.
  const line = String(message).replace(/\s+/g, ' ').trim();
  return line.length > MAX_SOURCE_MESSAGE
    ? `${line.slice(0, MAX_SOURCE_MESSAGE)}…`
    : line || 'Not a query this metric source can count with';
}

/** The problems `queryProblem` finds in the SLI queries of `input` that passed the common checks. */
function sourceQueryProblems(
  input: unknown,
  problems: SloSpecProblem[],
  queryProblem: NonNullable<SloSpecParseOptions['queryProblem']>,
): SloSpecProblem[] {
  const { metricSource, sli } = (
    typeof input === 'object' && input !== null ? input : {}
  ) as Record<string, unknown>;
  if (typeof metricSource !== 'string' || !metricSource.trim()) return [];
  if (typeof sli !== 'object' || sli === null) return [];
  const found: SloSpecProblem[] = [];
  for (const field of ['good', 'bad', 'total']) {
    const path = `sli.${field}`;
    const query = (sli as Record<string, unknown>)[field];
    if (typeof query !== 'string' || problems.some(p => p.path === path)) {
      continue;
    }
    const message = queryProblem(metricSource.trim(), query.trim());
    if (message) found.push({ path, message });
  }
  return found;
}

/**
 * A valid IANA time zone as the tz database spells it when it was written in another case
 * (`europe/BERLIN` → `Europe/Berlin`), so that one zone is stored, shown and compared under one
 * name. Another name of the zone (`Asia/Kolkata`, `US/Eastern`) is kept as written: this server's
 * ICU would give some of them an older name (`Asia/Calcutta`, `Europe/Kiev`).
 */
function timeZoneAsSpelled(timeZone: string): string {
  const known = new Intl.DateTimeFormat('en-US', {
    timeZone,
  }).resolvedOptions().timeZone;
  return known.toLowerCase() === timeZone.toLowerCase() ? known : timeZone;
}

/** Formats a zod path as `alertPolicies[0].burnRate`, quoting keys that are not identifiers. */
export function formatProblemPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const text = String(key);
      if (!/^[A-Za-z_$][\w$]*$/.test(text)) {
        // JSON escapes C0 controls; C1 controls and DEL would otherwise stay invisible.
        const quoted = JSON.stringify(text).replace(/[\u007f-\u009f]/g, c =>
          codePointName(c).replace('U+', '\\u'),
        );
        return `[${quoted}]`;
      }
      return index === 0 ? text : `.${text}`;
    })
    .join('');
}

function toProblems(issues: z.core.$ZodIssue[]): SloSpecProblem[] {
  return issues.flatMap(issue => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(key => ({
        path: formatProblemPath([...issue.path, key]),
        message: 'Unknown field',
      }));
    }
    if (issue.code === 'invalid_key') {
      // A record key (a label name): say what is wrong with it, not only that it is.
      return issue.issues.map(inner => ({
        path: formatProblemPath(issue.path),
        message: `Invalid key: ${inner.message}`,
      }));
    }
    return [{ path: formatProblemPath(issue.path), message: issue.message }];
  });
}

/**
 * Validates an SLO as written by a client or an import; see `sloSpecSchema`. With
 * `queryProblem`, its queries are checked as its metric source says instead of as PromQL.
 */
export function parseSloSpec(
  input: unknown,
  options: SloSpecParseOptions = {},
): ParseSloSpecResult {
  const { queryProblem } = options;
  const result = (queryProblem ? anySourceSpecSchema : sloSpecSchema).safeParse(
    input,
  );
  const problems = result.success ? [] : toProblems(result.error.issues);
  if (queryProblem) {
    problems.push(...sourceQueryProblems(input, problems, queryProblem));
  }
  // zod types a ratio SLI with both `good` and `bad` optional; its refinement has made sure
  // exactly one is set, which is what SloSpec's RatioSli union says.
  return result.success && !problems.length
    ? { ok: true, spec: result.data as SloSpec }
    : { ok: false, problems };
}

/** Validates a `PUT` body: a spec plus the integer `version` (≥ 1) the client read. */
export function parseSloUpdate(
  input: unknown,
  options: SloSpecParseOptions = {},
):
  | { ok: true; spec: SloSpec; version: number }
  | { ok: false; problems: SloSpecProblem[] } {
  const { queryProblem } = options;
  const result = (
    queryProblem ? anySourceUpdateSchema : sloUpdateSchema
  ).safeParse(input);
  const problems = result.success ? [] : toProblems(result.error.issues);
  if (queryProblem) {
    problems.push(...sourceQueryProblems(input, problems, queryProblem));
  }
  if (!result.success || problems.length) {
    return { ok: false, problems };
  }
  const { version, ...spec } = result.data;
  return { ok: true, spec: spec as SloSpec, version };
}

const WITH_OFFSET = /(Z|[+-]\d\d:\d\d)$/;
// The RFC 3339 form the API's date-time format lets through, leap seconds (23:59:60) included.
const RFC_3339 =
  /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)$/;

/** Why `value` is not a moment a correction can start or end at, or undefined. */
function correctionMomentProblem(value: string): string | undefined {
  const parsed = new Date(value);
  if (
    !WITH_OFFSET.test(value) ||
    (!RFC_3339.test(value) && Number.isNaN(parsed.getTime()))
  ) {
    return 'must be an ISO 8601 time with an offset, e.g. 2026-11-30T02:00:00Z';
  }
  // A leap second, an offset past 24 h or a moment before 1970: what the API says of every moment.
  const problem = momentProblem(parsed);
  return problem && `${JSON.stringify(value)} ${problem}`;
}

/** A moment with its offset, stored as UTC (`…T02:00:00.000Z`) whatever offset it was sent in. */
const isoWithOffset = z
  .string()
  .superRefine((value, ctx) => {
    const problem = correctionMomentProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(value => new Date(value).toISOString());

/** A correction as a client writes it: a reason and exactly one of `once` and `weekly`. */
const sloCorrectionSchema = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .superRefine(noControlCharacters({ freeText: true })),
    once: z
      .strictObject({ start: isoWithOffset, end: isoWithOffset })
      .refine(
        // A moment that is no moment has its own problem; comparing it would only add a second.
        ({ start, end }) =>
          correctionMomentProblem(start) !== undefined ||
          correctionMomentProblem(end) !== undefined ||
          Date.parse(end) > Date.parse(start),
        { message: 'end must be after start', path: ['end'] },
      )
      .optional(),
    weekly: weeklySchedule.optional(),
  })
  .superRefine((correction, ctx) => {
    if ((correction.once === undefined) === (correction.weekly === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          'give exactly one of once { start, end } (a one-off period) and weekly { days, from, to, timeZone }',
      });
    }
  });

/** Validates a correction (`POST slos/{id}/corrections`). */
export function parseSloCorrection(
  input: unknown,
):
  | { ok: true; correction: SloCorrectionSpec }
  | { ok: false; problems: SloSpecProblem[] } {
  const result = sloCorrectionSchema.safeParse(input);
  return result.success
    ? { ok: true, correction: result.data as SloCorrectionSpec }
    : { ok: false, problems: toProblems(result.error.issues) };
}
