import { SloFormState } from './sloForm';

/** The label each problem key is shown under, as the form writes it (see SloFormFields). */
const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  description: 'Description',
  labels: 'Labels',
  sli: 'SLI kind',
  'sli.bad': 'Bad events query',
  'sli.thresholdSeconds': 'Threshold (seconds)',
  objective: 'Objective (%)',
  timeWindow: 'Window',
  'timeWindow.duration': 'Window length',
  'timeWindow.unit': 'Calendar period',
  'timeWindow.timeZone': 'Time zone',
  budgetingMethod: 'Budgeting method',
  // Shown under the budgeting method select.
  timeslice: 'Budgeting method',
  'timeslice.duration': 'Slice length',
  'timeslice.target': 'Slice target (%)',
  schedule: 'Business hours only',
  'schedule.days': 'Days',
  'schedule.from': 'From (local time)',
  'schedule.to': 'To (local time)',
  'schedule.timeZone': 'Schedule time zone',
  metricSource: 'Metric source',
  alertPolicies: 'Alert policies',
};

/** The label of the field a problem `key` (e.g. `sli.total`, `alertPolicies.1`) is shown on. */
export function fieldLabel(key: string, state: SloFormState): string {
  const latency = state.sliKind === 'latency';
  if (key === 'sli.good') {
    return latency ? 'Histogram bucket at the threshold' : 'Good events query';
  }
  if (key === 'sli.total') {
    return latency ? 'Histogram count' : 'Total events query';
  }
  const policy = /^alertPolicies\.(\d+)$/.exec(key);
  if (policy) return `Policy ${Number(policy[1]) + 1}`;
  return FIELD_LABELS[key] ?? key;
}

/**
 * Why "Preview SLI" did not preview, said where the preview shows: the marked fields may be a long
 * scroll above the button, so without it a click seemed to do nothing. Undefined when nothing
 * stands in the way.
 */
export function previewBlockedMessage(
  problemKeys: string[],
  state: SloFormState,
  otherProblems = false,
): string | undefined {
  const labels = [...new Set(problemKeys.map(key => fieldLabel(key, state)))];
  if (labels.length > 0) {
    return `Fix the fields marked above to preview the SLI: ${labels.join(
      ', ',
    )}.`;
  }
  if (otherProblems) {
    return 'Fix the problems listed at the top of the form to preview the SLI.';
  }
  return undefined;
}
