import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import { Weekday } from '@stewardship/backstage-plugin-stewardship-common';
import { WEEKDAYS } from './sloForm';

/**
 * "Days": a checkbox per weekday, in week order, with the field's error under them. `errorId` is
 * the error's id, the caller's own: the SLO editor and the correction dialog each have one.
 */
export function WeekdayFields(props: {
  days: Weekday[];
  error?: string;
  errorId: string;
  onChange(days: Weekday[]): void;
}) {
  const { days, error, errorId, onChange } = props;
  return (
    <FormControl component="fieldset" margin="dense" error={!!error}>
      <FormLabel component="legend">Days</FormLabel>
      <FormGroup row>
        {WEEKDAYS.map(({ day, label }) => (
          <FormControlLabel
            key={day}
            label={label}
            control={
              <Checkbox
                color="primary"
                // Each box says the group's problem: the one a refused save focuses says why.
                inputProps={
                  error
                    ? {
                        'aria-invalid': true,
                        'aria-describedby': errorId,
                      }
                    : undefined
                }
                checked={days.includes(day)}
                onChange={e =>
                  onChange(
                    e.target.checked
                      ? [...days, day]
                      : days.filter(d => d !== day),
                  )
                }
              />
            }
          />
        ))}
      </FormGroup>
      {error && <FormHelperText id={errorId}>{error}</FormHelperText>}
    </FormControl>
  );
}
