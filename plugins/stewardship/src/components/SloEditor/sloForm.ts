import {
  BudgetingMethod,
  isKnownTimeZone,
  SloDefinition,
  SloSpec,
  Weekday,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  AlertPolicyState,
  alertPolicyState,
  policyRowProblem,
  toAlertPolicies,
} from './alertPolicyForm';
import { toFraction, toPercentText } from './percentText';
import { labelsFromForm, labelsToForm, parseLabels } from './sloLabels';

export type { BudgetPolicyRow } from './alertPolicyForm';

/** A zone neither this browser nor the backend knows ("Europe/Berln", "local"). */
const UNKNOWN_TIME_ZONE = 'Not an IANA time zone, e.g. Europe/Berlin';

/** How the SLI counts events, as the form offers it. */
export type SliKind = 'ratio-good' | 'ratio-bad' | 'latency';

/**
 * The form's state: text inputs stay strings until submitted, so a half-typed number is kept as
 * typed. The alert policies are those of {@link AlertPolicyState}; `alertMode: 'custom'` keeps
 * policies written in burn-rate terms (not editable here) exactly as they were.
 */
export interface SloFormState extends AlertPolicyState {
  name: string;
  description: string;
  sliKind: SliKind;
  goodQuery: string;
  badQuery: string;
  totalQuery: string;
  thresholdSeconds: string;
  objectivePercent: string;
  windowType: 'rolling' | 'calendar';
  rollingDuration: string;
  calendarUnit: 'month' | 'quarter';
  timeZone: string;
  budgetingMethod: BudgetingMethod;
  sliceDuration: string;
  sliceTargetPercent: string;
  metricSource: string;
  /** A business-hours SLO: only `scheduleDays` `scheduleFrom`–`scheduleTo` count. */
  businessHours: boolean;
  scheduleDays: Weekday[];
  scheduleFrom: string;
  scheduleTo: string;
  scheduleTimeZone: string;
  /** The SLO's labels, one `key: value` per line (see {@link parseLabels}). */
  labels: string;
  /** Stored labels no line of `labels` can hold as they are, kept as stored (see `labelsToForm`). */
  keptLabels: Record<string, string>;
}

/** Days in week order, for the form's checkboxes. */
export const WEEKDAYS: ReadonlyArray<{ day: Weekday; label: string }> = [
  { day: 'mon', label: 'Mon' },
  { day: 'tue', label: 'Tue' },
  { day: 'wed', label: 'Wed' },
  { day: 'thu', label: 'Thu' },
  { day: 'fri', label: 'Fri' },
  { day: 'sat', label: 'Sat' },
  { day: 'sun', label: 'Sun' },
];

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

const DURATION = /^([0-9]+[smhdw])+$/;
const NAME = /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/;

/** The longest name and description the backend takes (`SloSpec` in the backend's openapi.yaml). */
export const MAX_NAME_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 2000;

function browserTimeZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The empty form, or the form filled from a stored SLO. */
export function toFormState(slo?: SloDefinition): SloFormState {
  const state: SloFormState = {
    name: '',
    description: '',
    sliKind: 'ratio-good',
    goodQuery: '',
    badQuery: '',
    totalQuery: '',
    thresholdSeconds: '',
    objectivePercent: '',
    windowType: 'rolling',
    rollingDuration: '30d',
    calendarUnit: 'month',
    timeZone: browserTimeZone(),
    budgetingMethod: 'occurrences',
    sliceDuration: '5m',
    sliceTargetPercent: '95',
    metricSource: '',
    ...alertPolicyState([]),
    businessHours: false,
    scheduleDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
    scheduleFrom: '09:00',
    scheduleTo: '17:00',
    scheduleTimeZone: browserTimeZone(),
    labels: '',
    keptLabels: {},
  };
  if (!slo) return state;
  const labels = labelsToForm(slo.labels ?? {});
  state.labels = labels.text;
  state.keptLabels = labels.kept;
  if (slo.schedule) {
    state.businessHours = true;
    state.scheduleDays = [...slo.schedule.days];
    state.scheduleFrom = slo.schedule.from;
    state.scheduleTo = slo.schedule.to;
    state.scheduleTimeZone = slo.schedule.timeZone;
  }

  state.name = slo.name;
  state.description = slo.description ?? '';
  if (slo.sli.type === 'latency') {
    state.sliKind = 'latency';
    state.goodQuery = slo.sli.good;
    state.thresholdSeconds = String(slo.sli.thresholdSeconds);
  } else if (slo.sli.bad !== undefined) {
    state.sliKind = 'ratio-bad';
    state.badQuery = slo.sli.bad;
  } else {
    state.goodQuery = slo.sli.good;
  }
  state.totalQuery = slo.sli.total;
  state.objectivePercent = toPercentText(slo.objective);
  if (slo.timeWindow.type === 'rolling') {
    state.rollingDuration = slo.timeWindow.duration;
  } else {
    state.windowType = 'calendar';
    state.calendarUnit = slo.timeWindow.unit;
    state.timeZone = slo.timeWindow.timeZone;
  }
  state.budgetingMethod = slo.budgetingMethod;
  if (slo.timeslice) {
    state.sliceDuration = slo.timeslice.duration;
    state.sliceTargetPercent = toPercentText(slo.timeslice.target);
  }
  state.metricSource = slo.metricSource;
  Object.assign(state, alertPolicyState(slo.alertPolicies));
  return state;
}

function isNumberIn(text: string, min: number, max: number, maxIncl: boolean) {
  if (text.trim() === '') return false;
  const value = Number(text);
  return (
    Number.isFinite(value) &&
    value > min &&
    (maxIncl ? value <= max : value < max)
  );
}

/**
 * What to say of a number the form refuses: `expected`, unless it was written with a decimal
 * comma (99,9, as many locales write it), which is not read as 99.9 (1,000 could be either)
 * but named with the point instead.
 */
function numberProblem(text: string, expected: string): string {
  const trimmed = text.trim();
  return /^[+-]?\d*,\d+$/.test(trimmed)
    ? `Write the decimal with a point: ${Number(trimmed.replace(',', '.'))}`
    : expected;
}

/** Problems the form can see before asking the server, by field key (as `fieldKeys` lists). */
export function validateForm(state: SloFormState): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!state.name.trim()) {
    errors.name = 'Required';
  } else if (!NAME.test(state.name)) {
    errors.name =
      'Lower-case letters, digits and - _ . only, starting and ending with a letter or digit';
  } else if (state.name.length > MAX_NAME_LENGTH) {
    errors.name = `At most ${MAX_NAME_LENGTH} characters; this name has ${state.name.length}`;
  }
  // What is sent is trimmed, so that is what counts.
  const description = state.description.trim();
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    errors.description = `At most ${MAX_DESCRIPTION_LENGTH} characters; this description has ${description.length}`;
  }
  if (state.sliKind === 'ratio-bad') {
    if (!state.badQuery.trim()) errors['sli.bad'] = 'Required';
  } else if (!state.goodQuery.trim()) {
    errors['sli.good'] = 'Required';
  }
  if (!state.totalQuery.trim()) errors['sli.total'] = 'Required';
  if (
    state.sliKind === 'latency' &&
    !isNumberIn(state.thresholdSeconds, 0, Infinity, false)
  ) {
    errors['sli.thresholdSeconds'] = numberProblem(
      state.thresholdSeconds,
      'A number of seconds greater than 0',
    );
  }
  if (!state.objectivePercent.trim()) {
    errors.objective = 'Required';
  } else if (!isNumberIn(state.objectivePercent, 0, 100, false)) {
    errors.objective = numberProblem(
      state.objectivePercent,
      'A percentage greater than 0 and less than 100',
    );
  }
  // No check that the fraction sent is below 1 as well: toFraction keeps every digit typed, and a
  // percentage that reads as below 100 is one whose fraction reads as below 1 (floats near 1 are
  // finer than those near 100).
  if (state.windowType === 'rolling') {
    if (!DURATION.test(state.rollingDuration)) {
      errors['timeWindow.duration'] = 'A duration such as 28d or 4w';
    }
  } else if (!state.timeZone.trim()) {
    errors['timeWindow.timeZone'] = 'Required, e.g. Europe/Berlin';
  } else if (!isKnownTimeZone(state.timeZone.trim())) {
    errors['timeWindow.timeZone'] = UNKNOWN_TIME_ZONE;
  }
  if (state.budgetingMethod === 'timeslices') {
    if (!DURATION.test(state.sliceDuration)) {
      errors['timeslice.duration'] = 'A duration such as 5m';
    }
    if (!isNumberIn(state.sliceTargetPercent, 0, 100, true)) {
      errors['timeslice.target'] = numberProblem(
        state.sliceTargetPercent,
        'A percentage greater than 0, at most 100',
      );
    }
  }
  if (state.businessHours) {
    if (state.scheduleDays.length === 0) {
      errors['schedule.days'] = 'Pick at least one day';
    }
    if (!TIME_OF_DAY.test(state.scheduleFrom)) {
      errors['schedule.from'] = 'A time of day such as 09:00';
    }
    if (!TIME_OF_DAY.test(state.scheduleTo) && state.scheduleTo !== '24:00') {
      errors['schedule.to'] = 'A time of day such as 17:00 (24:00 is midnight)';
    }
    if (!state.scheduleTimeZone.trim()) {
      errors['schedule.timeZone'] = 'Required, e.g. Europe/Berlin';
    } else if (!isKnownTimeZone(state.scheduleTimeZone.trim())) {
      errors['schedule.timeZone'] = UNKNOWN_TIME_ZONE;
    }
  }
  if (!state.metricSource) errors.metricSource = 'Required';
  const labels = parseLabels(state.labels);
  if ('error' in labels) errors.labels = labels.error;
  if (state.alertMode === 'budget') {
    state.budgetPolicies.forEach((row, i) => {
      const problem = policyRowProblem(row, numberProblem);
      if (problem) errors[`alertPolicies.${i}`] = problem;
    });
  }
  return errors;
}

/**
 * The keys of the fields the form shows now, which server problems are matched to: a problem on
 * a field not shown (e.g. `sli.bad` while the form asks for good events) goes to the nearest shown
 * parent (`sli`), never to an invisible input.
 */
export function fieldKeys(state: SloFormState): string[] {
  const keys = ['name', 'description', 'sli', 'sli.total', 'objective'];
  keys.push(state.sliKind === 'ratio-bad' ? 'sli.bad' : 'sli.good');
  if (state.sliKind === 'latency') keys.push('sli.thresholdSeconds');
  keys.push('timeWindow');
  if (state.windowType === 'rolling') {
    keys.push('timeWindow.duration');
  } else {
    keys.push('timeWindow.unit', 'timeWindow.timeZone');
  }
  keys.push(
    'budgetingMethod',
    'timeslice',
    'metricSource',
    'alertPolicies',
    'labels',
  );
  if (state.budgetingMethod === 'timeslices') {
    keys.push('timeslice.duration', 'timeslice.target');
  }
  if (state.alertMode === 'budget') {
    keys.push(...state.budgetPolicies.map((_, i) => `alertPolicies.${i}`));
  }
  if (state.businessHours) {
    keys.push(
      'schedule',
      'schedule.days',
      'schedule.from',
      'schedule.to',
      'schedule.timeZone',
    );
  }
  return keys;
}

function toSli(state: SloFormState): SloSpec['sli'] {
  const total = state.totalQuery.trim();
  if (state.sliKind === 'latency') {
    return {
      type: 'latency',
      thresholdSeconds: Number(state.thresholdSeconds),
      good: state.goodQuery.trim(),
      total,
    };
  }
  if (state.sliKind === 'ratio-bad') {
    return { type: 'ratio', bad: state.badQuery.trim(), total };
  }
  return { type: 'ratio', good: state.goodQuery.trim(), total };
}

/**
 * The SLO as the backend takes it; `base` keeps what the form does not edit (the entity,
 * `minEvents`) and the alert policies the form left as they were. Call it on a state
 * {@link validateForm} passed: labels it cannot parse are left out.
 */
export function toSpec(
  state: SloFormState,
  entityRef: string,
  base?: SloDefinition,
): SloSpec {
  const sli = toSli(state);
  const spec: SloSpec = {
    entityRef: base?.entityRef ?? entityRef,
    name: state.name.trim(),
    sli,
    objective: toFraction(state.objectivePercent),
    timeWindow:
      state.windowType === 'rolling'
        ? { type: 'rolling', duration: state.rollingDuration }
        : {
            type: 'calendar',
            unit: state.calendarUnit,
            timeZone: state.timeZone.trim(),
          },
    budgetingMethod: state.budgetingMethod,
    metricSource: state.metricSource,
    alertPolicies: toAlertPolicies(state, base?.alertPolicies),
    labels: labelsFromForm(state.labels, state.keptLabels),
  };
  if (state.description.trim()) spec.description = state.description.trim();
  if (state.budgetingMethod === 'timeslices') {
    spec.timeslice = {
      duration: state.sliceDuration,
      target: toFraction(state.sliceTargetPercent),
    };
  }
  if (base?.minEvents !== undefined) spec.minEvents = base.minEvents;
  if (state.businessHours) {
    // Week order, whatever order the boxes were ticked in.
    spec.schedule = {
      days: WEEKDAYS.map(w => w.day).filter(d =>
        state.scheduleDays.includes(d),
      ),
      from: state.scheduleFrom,
      to: state.scheduleTo,
      timeZone: state.scheduleTimeZone.trim(),
    };
  }
  return spec;
}
