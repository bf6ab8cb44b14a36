import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';

/**
 * What the Affected SLOs field says when the entity's SLOs are not known (their read failed, or
 * has not answered yet): not "no SLOs", which would have the incident recorded as costing no
 * budget. Editing leaves the incident's affected SLOs as they are.
 */
export function slosNotReadText(editing: boolean): string {
  return editing
    ? "This entity's SLOs could not be read, so the affected SLOs cannot be changed here; the incident keeps the ones it has. Reload the page to try again."
    : "This entity's SLOs could not be read, so none can be marked as affected here. Reload the page to try again, or record the incident now and mark them later with Edit.";
}

/**
 * The dialog's "Affected SLOs": a checkbox per SLO of the entity (`slos`), or why there is none to
 * tick: the entity has no SLOs, or they could not be read (`slos` undefined).
 */
export function AffectedSlosField(props: {
  slos: SloDefinition[] | undefined;
  value: string[];
  onChange(ids: string[]): void;
  /** Whether an existing incident is edited (its affected SLOs then stay as they are). */
  editing: boolean;
  error?: string;
}) {
  const { slos, value, onChange, editing, error } = props;
  let choices;
  if (slos === undefined) {
    choices = <FormHelperText>{slosNotReadText(editing)}</FormHelperText>;
  } else if (slos.length === 0) {
    choices = (
      <FormHelperText>
        This entity has no SLOs; the incident will not be charged to an error
        budget.
      </FormHelperText>
    );
  } else {
    choices = (
      <FormGroup>
        {slos.map(slo => (
          <FormControlLabel
            key={slo.id}
            label={slo.name}
            control={
              <Checkbox
                color="primary"
                checked={value.includes(slo.id)}
                onChange={e =>
                  onChange(
                    e.target.checked
                      ? [...value, slo.id]
                      : value.filter(id => id !== slo.id),
                  )
                }
              />
            }
          />
        ))}
      </FormGroup>
    );
  }
  return (
    <FormControl component="fieldset" error={Boolean(error)}>
      <FormLabel component="legend">Affected SLOs</FormLabel>
      {choices}
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
}
