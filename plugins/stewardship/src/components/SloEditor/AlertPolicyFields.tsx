import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import { BudgetPolicyRow, emptyPolicyRow } from './alertPolicyForm';
import { BudgetPolicyRowFields } from './BudgetPolicyRowFields';
import { describePolicy, presetPoliciesText } from './describeAlertPolicies';
import { SloFormState } from './sloForm';

/**
 * Alert policies: the SRE Workbook preset, or rows in business terms ("25 % of the budget within
 * 24h"), with the preset too or not. Policies in burn-rate terms (from YAML) are listed and kept
 * as written.
 */
export function AlertPolicyFields(props: {
  state: SloFormState;
  errors: Record<string, string>;
  onChange(patch: Partial<SloFormState>): void;
}) {
  const { state, errors, onChange } = props;
  const setRow = (index: number, patch: Partial<BudgetPolicyRow>) =>
    onChange({
      budgetPolicies: state.budgetPolicies.map((row, i) =>
        i === index ? { ...row, ...patch } : row,
      ),
    });
  // Which of the preset's policies the objective typed leaves, said wherever the preset is chosen.
  const presetText = presetPoliciesText(state);

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
        {state.customPolicies.length > 0 && (
          <FormControlLabel
            value="custom"
            control={<Radio color="primary" />}
            label="As written, with burn-rate terms"
          />
        )}
      </RadioGroup>
      {state.alertMode === 'preset' && (
        // Explains the preset, whatever the problem: not in the group's error colour.
        <FormHelperText error={false}>{presetText}</FormHelperText>
      )}
      {state.alertMode === 'custom' && (
        <Typography variant="body2" component="div">
          {state.customPolicies.length === 1
            ? 'This policy is kept as written'
            : `These ${state.customPolicies.length} policies are kept as written`}
          , as the form edits only the preset and budget terms; choose another
          option to replace them:
          <ul aria-label="Alert policies kept as written">
            {state.customPolicies.map((policy, i) => (
              <li key={i}>{describePolicy(policy)}</li>
            ))}
          </ul>
        </Typography>
      )}
      {state.alertMode === 'budget' &&
        state.budgetPolicies.map((row, i) => (
          <BudgetPolicyRowFields
            key={i}
            row={row}
            index={i}
            error={errors[`alertPolicies.${i}`]}
            removable={state.budgetPolicies.length > 1}
            onChange={patch => setRow(i, patch)}
            onRemove={() =>
              onChange({
                budgetPolicies: state.budgetPolicies.filter((_, j) => j !== i),
              })
            }
          />
        ))}
      {state.alertMode === 'budget' && (
        <>
          <div>
            <Button
              size="small"
              onClick={() =>
                onChange({
                  budgetPolicies: [
                    ...state.budgetPolicies,
                    emptyPolicyRow('ticket'),
                  ],
                })
              }
            >
              Add policy
            </Button>
          </div>
          <FormControlLabel
            control={
              <Checkbox
                color="primary"
                checked={state.presetToo}
                onChange={e => onChange({ presetToo: e.target.checked })}
                inputProps={{ 'aria-describedby': 'slo-preset-too-help' }}
              />
            }
            label="And the SRE Workbook preset"
          />
          <FormHelperText error={false} id="slo-preset-too-help">
            {state.presetToo
              ? presetText
              : 'Tick to alert on the preset’s policies besides the rows.'}
          </FormHelperText>
        </>
      )}
      {errors.alertPolicies && (
        <FormHelperText error id="slo-alert-policies-error">
          {errors.alertPolicies}
        </FormHelperText>
      )}
    </FormControl>
  );
}
