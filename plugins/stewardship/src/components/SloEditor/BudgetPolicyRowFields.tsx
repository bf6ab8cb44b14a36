import FormHelperText from '@material-ui/core/FormHelperText';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  AlertSeverity,
  formatDuration,
  parseDuration,
} from '@stewardship/backstage-plugin-stewardship-common';
import { BudgetPolicyRow } from './alertPolicyForm';
import { useFocusRingSelectProps } from '../focusRing';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  // Wide enough for "Policy 10 …" labels on one line.
  severity: { width: theme.spacing(18) },
  number: { width: theme.spacing(18) },
  shortWindow: { width: theme.spacing(21) },
  name: { flex: 1, minWidth: theme.spacing(20) },
}));

/** The short window the backend derives when a row gives none: within ÷ 12. */
function derivedShortWindow(within: string): string | undefined {
  const seconds = parseDuration(within);
  return seconds !== undefined && Math.round(seconds / 12) >= 1
    ? formatDuration(seconds / 12)
    : undefined;
}

/** What a row alerts on, in a sentence, once its budget and window are given. */
function rowSentence(row: BudgetPolicyRow): string {
  if (!row.budgetPercent || !row.within) return '';
  const short = row.shortWindow.trim() || derivedShortWindow(row.within);
  return `Alert when ${row.budgetPercent} % of the budget burns within ${
    row.within
  }${short ? `, and within the last ${short} too` : ''}`;
}

/**
 * One "X % of the budget within D" row: severity, budget, within, and the optional short window
 * and name (empty: the backend derives them), with the row's problem or its sentence under it.
 */
export function BudgetPolicyRowFields(props: {
  row: BudgetPolicyRow;
  index: number;
  error?: string;
  removable: boolean;
  onChange(patch: Partial<BudgetPolicyRow>): void;
  onRemove(): void;
}) {
  const { row, index, error, removable, onChange, onRemove } = props;
  const classes = useStyles();
  // The menu renders outside the dialog's paper: its own focus ring.
  const selectProps = useFocusRingSelectProps();
  const label = `Policy ${index + 1}`;
  const id = `slo-alert-policy-${index}`;
  const helpId = `${id}-help`;
  const text = (
    field: 'budgetPercent' | 'within' | 'shortWindow' | 'name',
    idSuffix: string,
    fieldLabel: string,
    extra: { className: string; placeholder?: string; decimal?: boolean },
  ) => (
    <TextField
      margin="dense"
      variant="outlined"
      className={extra.className}
      id={`${id}-${idSuffix}`}
      error={!!error}
      label={`${label} ${fieldLabel}`}
      placeholder={extra.placeholder}
      inputProps={{
        inputMode: extra.decimal ? 'decimal' : undefined,
        'aria-describedby': helpId,
      }}
      value={row[field]}
      onChange={e => onChange({ [field]: e.target.value })}
    />
  );

  return (
    <div>
      <div className={classes.row}>
        <TextField
          select
          SelectProps={selectProps}
          margin="dense"
          variant="outlined"
          className={classes.severity}
          id={`${id}-severity`}
          label={`${label} severity`}
          value={row.severity}
          onChange={e =>
            onChange({ severity: e.target.value as AlertSeverity })
          }
        >
          <MenuItem value="page">page</MenuItem>
          <MenuItem value="ticket">ticket</MenuItem>
        </TextField>
        {text('budgetPercent', 'budget', 'budget %', {
          className: classes.number,
          decimal: true,
        })}
        {text('within', 'within', 'within', {
          className: classes.number,
          placeholder: '24h',
        })}
        {text('shortWindow', 'short-window', 'short window', {
          className: classes.shortWindow,
          placeholder: derivedShortWindow(row.within) ?? 'within ÷ 12',
        })}
        {text('name', 'name', 'name', {
          className: classes.name,
          placeholder: `${row.severity}-${row.within || 'within'}`,
        })}
        <IconButton
          aria-label={`Remove policy ${index + 1}`}
          disabled={!removable}
          onClick={onRemove}
        >
          <DeleteIcon />
        </IconButton>
      </div>
      <FormHelperText id={helpId} error={!!error}>
        {error ?? rowSentence(row)}
      </FormHelperText>
    </div>
  );
}
