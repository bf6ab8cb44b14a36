import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import { AlertPolicyFields } from './AlertPolicyFields';
import { MetricSourceField } from './MetricSourceField';
import { useMetricSources } from './useMetricSources';
import { SliKind, SloFormState } from './sloForm';
import { keptLabelsText } from './sloLabels';
import { WeekdayFields } from './WeekdayFields';
import { selectFieldProps } from './selectFieldProps';
import { useFocusRingSelectProps } from '../focusRing';

/** What a query looks like in the language of the SLO's metric source (its type). */
function queryHint(sourceType: string | undefined): string {
  if (sourceType === 'datadog') {
    return 'A Datadog metric query, e.g. sum:trace.http.request.hits{service:checkout}.as_count()';
  }
  if (sourceType === undefined || sourceType === 'prometheus') {
    return 'A counter selector, e.g. http_requests_total{job="api"}, or PromQL with {{.window}}';
  }
  return `A query in the language of the ${sourceType} source`;
}

/** The hint under Labels, naming the stored labels no line can hold (kept as they are). */
function labelsHint(kept: Record<string, string>): string {
  const hint =
    'One per line as key: value, e.g. tier: critical. A release gate can count only the SLOs with given labels.';
  return Object.keys(kept).length === 0
    ? hint
    : `${hint} Kept as stored, as no line here can hold them (a key with ": ", spaces around a key or value, a line break): ${keptLabelsText(
        kept,
      )}. A line here with the same key replaces the stored one.`;
}

/** Every input of the SLO form; each shows its own error under it. */
export function SloFormFields(props: {
  state: SloFormState;
  errors: Record<string, string>;
  onChange(patch: Partial<SloFormState>): void;
  /** A value the form filled in itself (the only metric source); `onChange` unless given. */
  onDefault?(patch: Partial<SloFormState>): void;
}) {
  const { state, errors, onChange, onDefault = onChange } = props;
  const metricSources = useMetricSources();
  const QUERY_HINT = queryHint(
    metricSources.value?.find(source => source.name === state.metricSource)
      ?.type,
  );
  // The menus render outside the dialog's paper: their own focus ring.
  const selectProps = useFocusRingSelectProps();
  const text = (
    key: keyof SloFormState,
    errorKey: string,
    label: string,
    extra: { hint?: string; required?: boolean; multiline?: boolean } = {},
  ) => (
    <TextField
      fullWidth
      margin="dense"
      variant="outlined"
      id={`slo-${errorKey.replace(/\./g, '-')}`}
      label={label}
      required={extra.required}
      multiline={extra.multiline}
      value={state[key] as string}
      error={!!errors[errorKey]}
      helperText={errors[errorKey] ?? extra.hint}
      onChange={e => onChange({ [key]: e.target.value })}
    />
  );

  return (
    <Grid container spacing={1}>
      <Grid item xs={12}>
        {text('name', 'name', 'Name', {
          required: true,
          hint: 'Unique per entity, e.g. availability',
        })}
        {text('description', 'description', 'Description', {
          multiline: true,
        })}
        {text('labels', 'labels', 'Labels', {
          multiline: true,
          hint: labelsHint(state.keptLabels),
        })}
      </Grid>
      <Grid item xs={12}>
        {/* Marked invalid with a problem (a server's), so a refused save focuses its choice. */}
        <FormControl component="fieldset" margin="dense" error={!!errors.sli}>
          <FormLabel component="legend">SLI kind</FormLabel>
          <RadioGroup
            row
            aria-label="SLI kind"
            aria-describedby={errors.sli ? 'slo-sli-error' : undefined}
            value={state.sliKind}
            onChange={e => onChange({ sliKind: e.target.value as SliKind })}
          >
            <FormControlLabel
              value="ratio-good"
              control={<Radio color="primary" />}
              label="Ratio: good ÷ total"
            />
            <FormControlLabel
              value="ratio-bad"
              control={<Radio color="primary" />}
              label="Ratio: bad ÷ total"
            />
            <FormControlLabel
              value="latency"
              control={<Radio color="primary" />}
              label="Latency threshold"
            />
          </RadioGroup>
          {errors.sli && (
            <FormHelperText error id="slo-sli-error">
              {errors.sli}
            </FormHelperText>
          )}
        </FormControl>
        {state.sliKind === 'ratio-bad'
          ? text('badQuery', 'sli.bad', 'Bad events query', {
              required: true,
              hint: QUERY_HINT,
            })
          : text(
              'goodQuery',
              'sli.good',
              state.sliKind === 'latency'
                ? 'Histogram bucket at the threshold'
                : 'Good events query',
              {
                required: true,
                hint:
                  state.sliKind === 'latency'
                    ? 'e.g. http_request_duration_seconds_bucket{job="api",le="0.3"}'
                    : QUERY_HINT,
              },
            )}
        {text(
          'totalQuery',
          'sli.total',
          state.sliKind === 'latency'
            ? 'Histogram count'
            : 'Total events query',
          { required: true, hint: QUERY_HINT },
        )}
        {state.sliKind === 'latency' &&
          text(
            'thresholdSeconds',
            'sli.thresholdSeconds',
            'Threshold (seconds)',
            {
              required: true,
            },
          )}
      </Grid>
      <Grid item xs={12} sm={6}>
        {text('objectivePercent', 'objective', 'Objective (%)', {
          required: true,
          hint: 'e.g. 99.9',
        })}
      </Grid>
      <Grid item xs={12} sm={6}>
        <MetricSourceField
          sources={metricSources}
          value={state.metricSource}
          error={errors.metricSource}
          onChange={metricSource => onChange({ metricSource })}
          onDefault={metricSource => onDefault({ metricSource })}
        />
      </Grid>
      <Grid item xs={12} sm={4}>
        <TextField
          select
          SelectProps={selectFieldProps(selectProps, 'slo-window-type', {
            error: !!errors.timeWindow,
            helperText: !!errors.timeWindow,
          })}
          fullWidth
          margin="dense"
          variant="outlined"
          id="slo-window-type"
          label="Window"
          value={state.windowType}
          error={!!errors.timeWindow}
          helperText={errors.timeWindow}
          onChange={e =>
            onChange({
              windowType: e.target.value as SloFormState['windowType'],
            })
          }
        >
          <MenuItem value="rolling">Rolling</MenuItem>
          <MenuItem value="calendar">Calendar</MenuItem>
        </TextField>
      </Grid>
      {state.windowType === 'rolling' ? (
        <Grid item xs={12} sm={8}>
          {text('rollingDuration', 'timeWindow.duration', 'Window length', {
            required: true,
            hint: 'e.g. 7d, 28d, 30d, 90d',
          })}
        </Grid>
      ) : (
        <>
          <Grid item xs={12} sm={4}>
            <TextField
              select
              SelectProps={selectFieldProps(selectProps, 'slo-calendar-unit', {
                error: !!errors['timeWindow.unit'],
                helperText: !!errors['timeWindow.unit'],
              })}
              fullWidth
              margin="dense"
              variant="outlined"
              id="slo-calendar-unit"
              label="Calendar period"
              value={state.calendarUnit}
              error={!!errors['timeWindow.unit']}
              helperText={errors['timeWindow.unit']}
              onChange={e =>
                onChange({
                  calendarUnit: e.target.value as SloFormState['calendarUnit'],
                })
              }
            >
              <MenuItem value="month">Month</MenuItem>
              <MenuItem value="quarter">Quarter</MenuItem>
            </TextField>
          </Grid>
          <Grid item xs={12} sm={4}>
            {text('timeZone', 'timeWindow.timeZone', 'Time zone', {
              required: true,
              hint: 'IANA, e.g. Europe/Berlin',
            })}
          </Grid>
        </>
      )}
      <Grid item xs={12} sm={4}>
        <TextField
          select
          SelectProps={selectFieldProps(selectProps, 'slo-budgeting-method', {
            error: !!errors.budgetingMethod || !!errors.timeslice,
            helperText: !!errors.budgetingMethod || !!errors.timeslice,
          })}
          fullWidth
          margin="dense"
          variant="outlined"
          id="slo-budgeting-method"
          label="Budgeting method"
          value={state.budgetingMethod}
          error={!!errors.budgetingMethod || !!errors.timeslice}
          helperText={errors.budgetingMethod ?? errors.timeslice}
          onChange={e =>
            onChange({
              budgetingMethod: e.target
                .value as SloFormState['budgetingMethod'],
            })
          }
        >
          <MenuItem value="occurrences">Occurrences</MenuItem>
          <MenuItem value="timeslices">Time slices</MenuItem>
        </TextField>
      </Grid>
      {state.budgetingMethod === 'timeslices' && (
        <>
          <Grid item xs={12} sm={4}>
            {text('sliceDuration', 'timeslice.duration', 'Slice length', {
              required: true,
              hint: 'e.g. 5m',
            })}
          </Grid>
          <Grid item xs={12} sm={4}>
            {text(
              'sliceTargetPercent',
              'timeslice.target',
              'Slice target (%)',
              {
                required: true,
                hint: 'A slice is good when its own ratio reaches this',
              },
            )}
          </Grid>
        </>
      )}
      <Grid item xs={12}>
        <FormControlLabel
          control={
            <Checkbox
              checked={state.businessHours}
              onChange={e => onChange({ businessHours: e.target.checked })}
              color="primary"
              inputProps={
                errors.schedule
                  ? {
                      'aria-invalid': true,
                      'aria-describedby': 'slo-schedule-error',
                    }
                  : undefined
              }
            />
          }
          label="Business hours only: count just a weekly schedule (time outside it burns no budget)"
        />
        {/* A server's problem with the schedule as a whole: said here, not dropped. */}
        {errors.schedule && (
          <FormHelperText error id="slo-schedule-error">
            {errors.schedule}
          </FormHelperText>
        )}
      </Grid>
      {state.businessHours && (
        <>
          <Grid item xs={12}>
            <WeekdayFields
              days={state.scheduleDays}
              error={errors['schedule.days']}
              errorId="slo-schedule-days-error"
              onChange={scheduleDays => onChange({ scheduleDays })}
            />
          </Grid>
          <Grid item xs={12} sm={4}>
            {text('scheduleFrom', 'schedule.from', 'From (local time)', {
              required: true,
              hint: 'HH:mm, e.g. 09:00',
            })}
          </Grid>
          <Grid item xs={12} sm={4}>
            {text('scheduleTo', 'schedule.to', 'To (local time)', {
              required: true,
              hint: 'HH:mm, e.g. 17:00; before "from" ends the next day',
            })}
          </Grid>
          <Grid item xs={12} sm={4}>
            {text(
              'scheduleTimeZone',
              'schedule.timeZone',
              'Schedule time zone',
              {
                required: true,
                hint: 'IANA, e.g. Europe/Berlin',
              },
            )}
          </Grid>
        </>
      )}
      <Grid item xs={12}>
        <AlertPolicyFields state={state} errors={errors} onChange={onChange} />
      </Grid>
    </Grid>
  );
}
