import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { useSettledChange } from '../useSettledChange';

const useStyles = makeStyles({
  select: {
    minWidth: 180,
  },
});

/** One choice of a {@link FilterSelect}. */
export type Option = { value: string; label: string };

/**
 * A native select with an "any" choice; an empty choice means no filter. A choice is passed on
 * once it settles ({@link useSettledChange}), not on every arrow key.
 */
export function FilterSelect(props: {
  /** The select's id; made from the label unless given. */
  id?: string;
  label: string;
  value?: string;
  anyLabel: string;
  options: Option[];
  onChange: (value: string | undefined) => void;
}) {
  const classes = useStyles();
  const { shown, change, flush } = useSettledChange(props.value ?? '', value =>
    props.onChange(value || undefined),
  );
  const id =
    props.id ??
    `stewardship-filter-${props.label
      .toLocaleLowerCase('en-US')
      .replace(/\W+/g, '-')}`;
  return (
    <TextField
      id={id}
      select
      label={props.label}
      value={shown}
      onChange={e => change(e.target.value)}
      onBlur={flush}
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
