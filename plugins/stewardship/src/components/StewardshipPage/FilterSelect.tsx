import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  select: {
    minWidth: 180,
  },
});

/** One choice of a {@link FilterSelect}. */
export type Option = { value: string; label: string };

/** A native select with an "any" choice; an empty choice means no filter. */
export function FilterSelect(props: {
  label: string;
  value?: string;
  anyLabel: string;
  options: Option[];
  onChange: (value: string | undefined) => void;
}) {
  const classes = useStyles();
  const id = `stewardship-filter-${props.label
    .toLocaleLowerCase('en-US')
    .replace(/\W+/g, '-')}`;
  return (
    <TextField
      id={id}
      select
      label={props.label}
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value || undefined)}
      variant="outlined"
      size="small"
      className={classes.select}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">{props.anyLabel}</option>
      {props.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}
