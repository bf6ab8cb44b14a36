import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import DeleteIcon from '@material-ui/icons/Delete';
import { AlertSeverity } from '@stewardship/backstage-plugin-stewardship-common';
import { BudgetPolicyRow, SloFormState } from './sloForm';
import { useFocusRingSelectProps } from '../focusRing';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  severity: { minWidth: theme.spacing(14) },
  number: { width: theme.spacing(16) },
}));

/**
 * Alert policies: the SRE Workbook preset, or rows in business terms ("25 % of the budget within
 * 24h"). Policies in burn-rate terms (from YAML) are listed and kept as written.
 */
export function AlertPolicyFields(props: {
  state: SloFormState;
  errors: Record<string, string>;
  onChange(patch: Partial<SloFormState>): void;
}) {
  const { state, errors, onChange } = props;
  const classes = useStyles();
  // The menu renders outside the dialog's paper: its own focus ring.
  const selectProps = useFocusRingSelectProps();
  const setRow = (index: number, patch: Partial<BudgetPolicyRow>) =>
    onChange({
      budgetPolicies: state.budgetPolicies.map((row, i) =>
        i === index ? { ...row, ...patch } : row,
      ),
    });

  return (
    // Marked invalid with a problem of all policies (a server's), so a refused save focuses the
    // choice; each row's own problem marks its fields.
    <FormControl
      component="fieldset"
      margin="dense"
      fullWidth
      error={!!errors.alertPolicies}
    >
      <FormLabel component="legend">Alert policies</FormLabel>
      <RadioGroup
        row
        aria-label="Alert policies"
        aria-describedby={
          errors.alertPolicies ? 'slo-alert-policies-error' : undefined
        }
        value={state.alertMode}
        onChange={e =>
          onChange({ alertMode: e.target.value as SloFormState['alertMode'] })
        }
      >
        <FormControlLabel
          value="preset"
          control={<Radio color="primary" />}
          label="SRE Workbook preset"
        />
        <FormControlLabel
          value="budget"
          control={<Radio color="primary" />}
          label="Share of the budget within a time"
        />
        {state.alertMode === 'custom' && (
          <FormControlLabel
            value="custom"
            control={<Radio color="primary" />}
            label="Burn-rate policies as written"
          />
        )}
      </RadioGroup>
      {state.alertMode === 'preset' && (
        // Explains the preset, whatever the problem: not in the group's error colour.
        <FormHelperText error={false}>
          Page when 2 % of the budget burns in 1 h or 5 % in 6 h; ticket when 10
          % burns in 3 d.
        </FormHelperText>
      )}
      {state.alertMode === 'custom' && (
        <Typography variant="body2">
          {state.customPolicies.length} policies in burn-rate terms are kept as
          written; choose another option to replace them.
        </Typography>
      )}
      {state.alertMode === 'budget' &&
        state.budgetPolicies.map((row, i) => (
          <div key={i}>
            <div className={classes.row}>
              <TextField
                select
                SelectProps={selectProps}
                margin="dense"
                variant="outlined"
                className={classes.severity}
                id={`slo-alert-policy-${i}-severity`}
                label={`Policy ${i + 1} severity`}
                value={row.severity}
                onChange={e =>
                  setRow(i, { severity: e.target.value as AlertSeverity })
                }
              >
                <MenuItem value="page">page</MenuItem>
                <MenuItem value="ticket">ticket</MenuItem>
              </TextField>
              <TextField
                margin="dense"
                variant="outlined"
                className={classes.number}
                id={`slo-alert-policy-${i}-budget`}
                error={!!errors[`alertPolicies.${i}`]}
                label={`Policy ${i + 1} budget %`}
                inputProps={{
                  inputMode: 'decimal',
                  'aria-describedby': `slo-alert-policy-${i}-help`,
                }}
                value={row.budgetPercent}
                onChange={e => setRow(i, { budgetPercent: e.target.value })}
              />
              <TextField
                margin="dense"
                variant="outlined"
                className={classes.number}
                id={`slo-alert-policy-${i}-within`}
                error={!!errors[`alertPolicies.${i}`]}
                label={`Policy ${i + 1} within`}
                placeholder="24h"
                inputProps={{
                  'aria-describedby': `slo-alert-policy-${i}-help`,
                }}
                value={row.within}
                onChange={e => setRow(i, { within: e.target.value })}
              />
              <IconButton
                aria-label={`Remove policy ${i + 1}`}
                disabled={state.budgetPolicies.length === 1}
                onClick={() =>
                  onChange({
                    budgetPolicies: state.budgetPolicies.filter(
                      (_, j) => j !== i,
                    ),
                  })
                }
              >
                <DeleteIcon />
              </IconButton>
            </div>
            <FormHelperText
              id={`slo-alert-policy-${i}-help`}
              error={!!errors[`alertPolicies.${i}`]}
            >
              {errors[`alertPolicies.${i}`] ??
                (row.budgetPercent && row.within
                  ? `Alert when ${row.budgetPercent} % of the budget burns within ${row.within}`
                  : '')}
            </FormHelperText>
          </div>
        ))}
      {state.alertMode === 'budget' && (
        <div>
          <Button
            size="small"
            onClick={() =>
              onChange({
                budgetPolicies: [
                  ...state.budgetPolicies,
                  { severity: 'ticket', budgetPercent: '', within: '' },
                ],
              })
            }
          >
            Add policy
          </Button>
        </div>
      )}
      {errors.alertPolicies && (
        <FormHelperText error id="slo-alert-policies-error">
          {errors.alertPolicies}
        </FormHelperText>
      )}
    </FormControl>
  );
}
