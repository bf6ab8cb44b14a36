import { sameValue } from './sameValue';
import { SloFormState } from './sloForm';

/**
 * The label each field of the form is shown under. Fields that are one thing to the user (the
 * alert policies, the labels) share a label and are carried over together, so that rows never
 * pair with another version's choice of mode. Every key is listed: a new field of the form
 * cannot be forgotten here.
 */
const FIELD_LABEL: Record<keyof SloFormState, string> = {
  name: 'Name',
  description: 'Description',
  labels: 'Labels',
  keptLabels: 'Labels',
  sliKind: 'SLI kind',
  goodQuery: 'Good events query',
  badQuery: 'Bad events query',
  totalQuery: 'Total events query',
  thresholdSeconds: 'Threshold (seconds)',
  objectivePercent: 'Objective (%)',
  windowType: 'Window',
  rollingDuration: 'Window length',
  calendarUnit: 'Calendar period',
  timeZone: 'Time zone',
  budgetingMethod: 'Budgeting method',
  sliceDuration: 'Slice length',
  sliceTargetPercent: 'Slice target (%)',
  metricSource: 'Metric source',
  alertMode: 'Alert policies',
  budgetPolicies: 'Alert policies',
  presetToo: 'Alert policies',
  customPolicies: 'Alert policies',
  businessHours: 'Business hours only',
  scheduleDays: 'Days',
  scheduleFrom: 'From (local time)',
  scheduleTo: 'To (local time)',
  scheduleTimeZone: 'Schedule time zone',
};

/** The label as the form shows it for `state`: a latency SLI names its queries otherwise. */
function shownLabel(label: string, state: SloFormState): string {
  if (state.sliKind !== 'latency') return label;
  if (label === 'Good events query') return 'Histogram bucket at the threshold';
  if (label === 'Total events query') return 'Histogram count';
  return label;
}

/** The form's fields by label, in the form's order. */
function fieldGroups(): Map<string, Array<keyof SloFormState>> {
  const groups = new Map<string, Array<keyof SloFormState>>();
  for (const key of Object.keys(FIELD_LABEL) as Array<keyof SloFormState>) {
    const label = FIELD_LABEL[key];
    groups.set(label, [...(groups.get(label) ?? []), key]);
  }
  return groups;
}

/** The outcome of {@link reapplyChanges}. */
export interface ReappliedChanges {
  /** The fresh version with the user's changes on top. */
  state: SloFormState;
  /** The labels of the fields whose typed values were kept. */
  kept: string[];
  /** Of those, the ones the other change had changed too: its value there gave way. */
  overridden: string[];
}

/**
 * After a version conflict: the version saved meanwhile (`fresh`), with each field the user
 * changed (`typed` differs from `opened`, what the form opened with) set to what they typed.
 * Fields they left alone take the other change's values.
 */
export function reapplyChanges(
  opened: SloFormState,
  typed: SloFormState,
  fresh: SloFormState,
): ReappliedChanges {
  const state: SloFormState = { ...fresh };
  const kept: string[] = [];
  const overridden: string[] = [];
  const changed = (
    from: SloFormState,
    to: SloFormState,
    key: keyof SloFormState,
  ) => !sameValue(from[key], to[key]);
  for (const [label, keys] of fieldGroups()) {
    if (!keys.some(key => changed(opened, typed, key))) continue;
    for (const key of keys) {
      (state as unknown as Record<string, unknown>)[key] = typed[key];
    }
    kept.push(shownLabel(label, typed));
    if (keys.some(key => changed(opened, fresh, key))) {
      overridden.push(shownLabel(label, typed));
    }
  }
  return { state, kept, overridden };
}

/** What the editor says once it reloaded after a conflict, in a sentence or two. */
export function reappliedText(changes: ReappliedChanges): string {
  if (changes.kept.length === 0) {
    return 'Loaded the version saved meanwhile. Check it, then save again if you still want to change it.';
  }
  const replaced = changes.overridden.length
    ? ` The other change to ${changes.overridden.join(', ')} gave way to yours.`
    : '';
  return `Loaded the version saved meanwhile and kept your changes to ${changes.kept.join(
    ', ',
  )}.${replaced} Check the form, then save.`;
}
