import { useEffect } from 'react';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { describeHealth, describeSource } from './describeHealth';
import type { useMetricSources } from './useMetricSources';
import { useFocusRingSelectProps } from '../focusRing';
import { selectFieldProps } from './selectFieldProps';

/**
 * The metric source picker, filled from `GET /metric-sources`. Each option and the helper text
 * say the source's health in words. A source the SLO names but the backend no longer lists is kept
 * as an option so that editing never changes it silently. When only one source is configured, an
 * empty field takes it (through `onDefault` if given, else `onChange`).
 */
export function MetricSourceField(props: {
  /** The configured sources as `useMetricSources` reads them (the form reads them once). */
  sources: ReturnType<typeof useMetricSources>;
  value: string;
  error?: string;
  onChange(value: string): void;
  /** The field filled itself, with the only source: no choice of the user's. */
  onDefault?(value: string): void;
}) {
  const { value, error, onChange, onDefault = onChange } = props;
  const { value: sources, loading, error: loadError } = props.sources;
  const selectProps = useFocusRingSelectProps();
  const selected = sources?.find(s => s.name === value);
  // With one source configured there is nothing to choose: a new SLO starts with it.
  const only = sources?.length === 1 ? sources[0].name : undefined;
  useEffect(() => {
    if (!value && only) onDefault(only);
  }, [value, only, onDefault]);

  let helperText: string | undefined = error;
  if (!helperText) {
    if (loadError) {
      helperText = `Could not list the metric sources: ${loadError.message}`;
    } else if (loading) {
      helperText = 'Loading the metric sources…';
    } else if (sources && sources.length === 0) {
      helperText =
        'No metric source is configured: add one under stewardship.metricSources in app-config.yaml';
    } else if (selected) {
      helperText = `Type ${selected.type}, ${describeHealth(selected.health)}`;
    }
  }

  return (
    <TextField
      select
      SelectProps={selectFieldProps(selectProps, 'slo-metric-source', {
        error: !!error,
        helperText: !!helperText,
      })}
      fullWidth
      margin="dense"
      variant="outlined"
      id="slo-metric-source"
      label="Metric source"
      required
      value={value}
      error={!!error}
      helperText={helperText}
      onChange={e => onChange(e.target.value)}
    >
      {(sources ?? []).map(source => (
        <MenuItem key={source.name} value={source.name}>
          {describeSource(source)}
        </MenuItem>
      ))}
      {value && !selected && (
        <MenuItem value={value}>
          {loading ? value : `${value} (not configured)`}
        </MenuItem>
      )}
    </TextField>
  );
}
