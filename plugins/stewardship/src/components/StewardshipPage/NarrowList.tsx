import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Paper from '@material-ui/core/Paper';
import TablePagination from '@material-ui/core/TablePagination';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { useFocusRingPaginationProps } from '../focusRing';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    padding: theme.spacing(1.5, 2),
    borderTop: `1px solid ${theme.palette.divider}`,
    // Annotation snippets and entity refs have no space to wrap at: break them rather than
    // widen the page past the window.
    overflowWrap: 'anywhere',
  },
  // The rows-per-page picker and the page arrows wrap to a second line rather than overflow.
  pagination: { flexWrap: 'wrap', paddingLeft: theme.spacing(2) },
}));

/** Where a {@link NarrowList} is in its rows, and how to move: as a paged table's props. */
export interface NarrowListPaging {
  page: number;
  pageSize: number;
  pageSizes: number[];
  totalCount: number;
  /** A new page, or a new page size (with page 0). */
  onPageChange: (page: number, pageSize: number) => void;
}

/** One row of a {@link NarrowList}. */
export function NarrowListItem(props: { children: ReactNode }) {
  const classes = useStyles();
  return <li className={classes.item}>{props.children}</li>;
}

/**
 * A table's rows as a list of cards under the table's title, for windows too narrow for its
 * columns ({@link useNarrowLayout}); paged like the table when `paging` is given.
 */
export function NarrowList(props: {
  /** Makes the title's id (`${id}-title`), which names the list. */
  id: string;
  title: string;
  /** Controls for the whole list under its title (how it is sorted). */
  controls?: ReactNode;
  /** Shown instead of the list when it has no rows. */
  empty?: ReactNode;
  count: number;
  loading?: boolean;
  loadingLabel?: string;
  paging?: NarrowListPaging;
  children: ReactNode;
}) {
  const { title, paging } = props;
  const classes = useStyles();
  const focusRing = useFocusRingPaginationProps();
  const headingId = `${props.id}-title`;
  return (
    <Paper>
      <Box px={2} pt={2} pb={1}>
        <Typography variant="h5" component="h2" id={headingId}>
          {title}
        </Typography>
        {props.controls && <Box mt={2}>{props.controls}</Box>}
      </Box>
      {props.loading && <LinearProgress aria-label={props.loadingLabel} />}
      {props.count === 0 && props.empty ? (
        props.empty
      ) : (
        <ul className={classes.list} aria-labelledby={headingId}>
          {props.children}
        </ul>
      )}
      {paging && (
        <TablePagination
          component="div"
          // Its select gets the ring a keyboard user sees; MUI's own is a faint tint.
          classes={{ ...focusRing.classes, toolbar: classes.pagination }}
          SelectProps={focusRing.SelectProps}
          count={paging.totalCount}
          page={paging.page}
          rowsPerPage={paging.pageSize}
          rowsPerPageOptions={paging.pageSizes}
          onPageChange={(_event, page) =>
            paging.onPageChange(page, paging.pageSize)
          }
          onRowsPerPageChange={event =>
            paging.onPageChange(0, Number(event.target.value))
          }
        />
      )}
    </Paper>
  );
}
