import {
  EntityRefLink,
  entityPresentationSnapshot,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  SLO_OVERVIEW_STATUSES,
  SloOverviewItem,
} from '@stewardship/backstage-plugin-stewardship-common';
import { SloStatusLabel } from '../EntitySlosContent/SloStatusLabel';
import { formatInstant, formatPercent, formatPercents } from '../formatSlo';
import { wholeWords } from '../tables/wholeWords';
import { AccessibleTable } from '../tables/AccessibleTable';
import { byNumber, byText } from '../tables/sorting';
import { useMemo, useRef } from 'react';

const useStyles = makeStyles(theme => ({
  status: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

function Status(props: { item: SloOverviewItem }) {
  const classes = useStyles();
  const { item } = props;
  // As on the SLO tab: the evaluated status, `stale` beside it when it is old, or only `stale`.
  return (
    <div className={classes.status}>
      <SloStatusLabel status={item.status ?? 'stale'} />
      {item.stale && item.status && <SloStatusLabel status="stale" />}
    </div>
  );
}

/** A figure with its unit, kept on one line. */
const UNBROKEN = { whiteSpace: 'nowrap' } as const;

/** Worst first, as SLO_OVERVIEW_STATUSES orders them; a stale SLO sorts as its last status. */
const statusRank = (item: SloOverviewItem) =>
  SLO_OVERVIEW_STATUSES.indexOf(item.status ?? 'stale');

/** An entity as a link to it reads without a title: its short ref (`checkout`, `team-a`). */
const shortRef = (ref: string) => entityPresentationSnapshot(ref).primaryTitle;

/** How the Owner and System columns name a ref, which they sort on. */
export type RefLabel = (ref: string) => string;

/**
 * The columns, sorting on what they show: an entity by its title (else its short ref), an owner
 * or a system by the label the page's pickers show (else its short ref), with
 * `compareText`; a figure or a name that is missing sorts last whichever way.
 */
const makeColumns = (labels: {
  current: { owner: RefLabel; system: RefLabel };
}) =>
  wholeWords<SloOverviewItem>([
    {
      title: 'SLO',
      field: 'name',
      highlight: true,
      customSort: byText(item => item.name),
    },
    {
      title: 'Entity',
      field: 'entityRef',
      customSort: byText(item => item.entityTitle ?? shortRef(item.entityRef)),
      render: item => (
        <EntityRefLink entityRef={item.entityRef}>
          {item.entityTitle}
        </EntityRefLink>
      ),
    },
    {
      title: 'Status',
      field: 'status',
      customSort: (a, b) => statusRank(a) - statusRank(b),
      render: item => <Status item={item} />,
    },
    {
      title: 'Budget remaining',
      field: 'budgetRemaining',
      type: 'numeric',
      // Lowest budget first; an SLO without data sorts after every figure, either way.
      customSort: byNumber(item => item.budgetRemaining),
      render: item =>
        item.budgetRemaining === undefined
          ? 'no data'
          : formatPercent(item.budgetRemaining, 1),
    },
    {
      title: 'SLI / objective',
      field: 'sli',
      sorting: false,
      // Each figure whole ("99.9 %", never "99.9" above "%"): a narrow column wraps at the slash.
      // Written together, so an SLI that differs from the objective never reads as it.
      render: item => {
        const [sli, objective] =
          item.sli === undefined
            ? ['no data', formatPercent(item.objective)]
            : formatPercents([item.sli, item.objective]);
        return (
          <>
            <span style={UNBROKEN}>{sli}</span> /{' '}
            <span style={UNBROKEN}>{objective}</span>
          </>
        );
      },
    },
    {
      title: 'Owner',
      field: 'owner',
      customSort: byText(item =>
        item.owner ? labels.current.owner(item.owner) : undefined,
      ),
      render: item =>
        item.owner ? <EntityRefLink entityRef={item.owner} /> : '—',
    },
    {
      title: 'System',
      field: 'system',
      customSort: byText(item =>
        item.system ? labels.current.system(item.system) : undefined,
      ),
      render: item =>
        item.system ? <EntityRefLink entityRef={item.system} /> : '—',
    },
    {
      title: 'Evaluated as of',
      field: 'evaluatedAt',
      // By instant (a timestamp's text may carry any offset); never evaluated last either way.
      customSort: byNumber(item =>
        item.evaluatedAt ? Date.parse(item.evaluatedAt) : undefined,
      ),
      render: item =>
        item.evaluatedAt ? formatInstant(item.evaluatedAt) : 'never',
    },
  ]);

/** Every listed SLO, sortable by each column; paged in the browser. */
export function SloOverviewTable(props: {
  items: SloOverviewItem[];
  loading: boolean;
  /** The owner's label, as the Owner filter lists it; default: the short ref. */
  ownerLabel?: RefLabel;
  /** The system's label, as the System filter lists it; default: the short ref. */
  systemLabel?: RefLabel;
}) {
  // Read by the sorts at sort time: the labels change as the catalog's titles arrive, while
  // the columns are built once (material-table keeps its sort state on the column objects).
  const labels = useRef({ owner: shortRef, system: shortRef });
  labels.current = {
    owner: props.ownerLabel ?? shortRef,
    system: props.systemLabel ?? shortRef,
  };
  const columns = useMemo(() => makeColumns(labels), []);
  return (
    <AccessibleTable<SloOverviewItem>
      title={`SLOs (${props.items.length.toLocaleString('en-US')})`}
      columns={columns}
      data={props.items}
      isLoading={props.loading}
      options={{
        paging: props.items.length > 20,
        pageSize: 20,
        pageSizeOptions: [20, 50, 100],
        emptyRowsWhenPaging: false,
        search: false,
        sorting: true,
        padding: 'dense',
      }}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">No SLO matches these filters.</Typography>
        </Box>
      }
    />
  );
}
