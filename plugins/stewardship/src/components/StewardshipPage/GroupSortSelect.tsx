import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { GROUP_SORT_COLUMNS, GroupSort } from './groupSorts';

const useStyles = makeStyles(theme => ({
  select: { minWidth: 240, maxWidth: '100%' },
  // Empty until the reader sorts; then one line under the select.
  status: { marginTop: theme.spacing(0.5), '&:empty': { marginTop: 0 } },
}));

/** The choice the table shows before its reader sorts: the backend's order. */
const DEFAULT_LABEL = 'Least compliant first (default)';

/** Every order the wide table's headers give, as `column-direction` values. */
const OPTIONS = [
  { value: '', label: DEFAULT_LABEL },
  ...GROUP_SORT_COLUMNS.flatMap(c =>
    (['asc', 'desc'] as const).map(direction => ({
      value: `${c.column}-${direction}`,
      label: `${c.title}, ${c[direction]}`,
    })),
  ),
];

/**
 * What the status says once the reader picks an order, in the words the wide table's sort line
 * uses ("Sorted by Group, descending."), with the select's own words for the direction: "Sorted
 * by Group, Z to A.", "Sorted least compliant first (the default order)."
 */
function sortedLine(sort: GroupSort): string {
  const column = sort && GROUP_SORT_COLUMNS.find(c => c.column === sort.column);
  return column
    ? `Sorted by ${column.title}, ${column[sort.direction]}.`
    : 'Sorted least compliant first (the default order).';
}

const valueOf = (sort: GroupSort) =>
  sort ? `${sort.column}-${sort.direction}` : '';

function sortOf(value: string): GroupSort {
  // The direction follows the last hyphen: a column key may hold one.
  const cut = value.lastIndexOf('-');
  const column = value.slice(0, cut);
  const direction = value.slice(cut + 1);
  const found = GROUP_SORT_COLUMNS.find(c => c.column === column);
  return found && (direction === 'asc' || direction === 'desc')
    ? { column: found.column, direction }
    : undefined;
}

/**
 * The narrow groups list's "Sort by": a native select with the orders the wide table's column
 * headers give, and a status that says the new order once the reader picks one (the cards
 * re-order without a sound otherwise).
 */
export function GroupSortSelect(props: {
  /** Names the select (`${id}-sort`) and its status. */
  id: string;
  sort: GroupSort;
  onChange: (sort: GroupSort) => void;
}) {
  const classes = useStyles();
  const [said, setSaid] = useState('');
  const value = valueOf(props.sort);
  return (
    <>
      <TextField
        id={`${props.id}-sort`}
        select
        label="Sort by"
        value={value}
        onChange={e => {
          const next = sortOf(e.target.value);
          props.onChange(next);
          setSaid(sortedLine(next));
        }}
        variant="outlined"
        size="small"
        className={classes.select}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        {OPTIONS.map(o => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </TextField>
      {/* Always on the page, so that screen readers hear the text when it comes. */}
      <Typography variant="body2" role="status" className={classes.status}>
        {said}
      </Typography>
    </>
  );
}
