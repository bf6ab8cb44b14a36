import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  BacklogFigures,
  BacklogItem,
  compareText,
} from '@stewardship/backstage-plugin-stewardship-common';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Fragment, useState } from 'react';
import { BacklogItemKeyAndTitle } from './BacklogItemKeyAndTitle';
import { ageAt, formatDays } from './describeBacklog';
import { wholeWords } from '../tables/wholeWords';
import { AccessibleTable } from '../tables/AccessibleTable';
import { ColumnSort, byText } from '../tables/sorting';

/**
 * The ways to look at the list:
 * - `ranked`: every item in rank order (all trackers merged by rank, as the figures count them);
 * - `reliability-first`: every item, reliability work first, each part in rank order (what the
 *   error-budget policy asks for when the release gate warns or blocks);
 * - `reliability`: reliability work only; `oldest`: items older than 180 days, oldest first.
 */
export type BacklogView =
  | 'ranked'
  | 'reliability-first'
  | 'reliability'
  | 'oldest';

export const VIEW_LABELS: Record<BacklogView, string> = {
  ranked: 'Ranked',
  'reliability-first': 'Reliability work first',
  reliability: 'Reliability work',
  oldest: 'Oldest (over 180 days)',
};

/** An item with its place in the merged ranking and its age at the figures' moment. */
export interface BacklogRow {
  /**
   * The place in the ranked list of every tracker merged (the order the figures count), whatever
   * the view: a view that reorders or filters the items keeps each item's overall rank.
   */
  position: number;
  ageDays: number;
  item: BacklogItem;
}

/** The rows a view shows, in the order it shows them. */
export function rowsOf(
  items: BacklogItem[],
  figures: BacklogFigures,
  view: BacklogView,
): BacklogRow[] {
  const rows = items.map((item, index) => ({
    position: index + 1,
    ageDays: ageAt(item, figures),
    item,
  }));
  switch (view) {
    case 'reliability-first':
      return [
        ...rows.filter(r => r.item.reliability),
        ...rows.filter(r => !r.item.reliability),
      ];
    case 'reliability':
      return rows.filter(r => r.item.reliability);
    case 'oldest':
      return rows
        .filter(r => r.ageDays > 180)
        .sort((a, b) => b.ageDays - a.ageDays);
    default:
      return rows;
  }
}

const useStyles = makeStyles(theme => ({
  views: { marginBottom: theme.spacing(1), flexWrap: 'wrap' },
  rankMeaning: { marginBottom: theme.spacing(1) },
  labels: { display: 'block', color: theme.palette.text.secondary },
  label: { whiteSpace: 'nowrap' },
}));

/**
 * An item's labels on a line under its title (a column of their own made the table wider than a
 * 1400 px window). Labels wrap between each other, never inside one.
 */
function Labels(props: { labels: string[] }) {
  const classes = useStyles();
  if (props.labels.length === 0) return null;
  return (
    <span className={classes.labels}>
      Labels:{' '}
      {props.labels.map((label, index) => (
        <Fragment key={label}>
          {index > 0 && ', '}
          <span className={classes.label}>{label}</span>
        </Fragment>
      ))}
    </span>
  );
}

/**
 * Built-in items (incident action items) are assigned to a catalog user or group, named by ref;
 * trackers name people their own way (a Jira display name, a GitHub login).
 */
const CATALOG_ASSIGNEE = /^(user|group):[^\s:/]+\/[^\s:/]+$/i;

function Assignee(props: { assignee?: string }) {
  const { assignee } = props;
  if (!assignee) return <>unassigned</>;
  return CATALOG_ASSIGNEE.test(assignee) ? (
    <EntityRefLink entityRef={assignee} />
  ) : (
    <>{assignee}</>
  );
}

/**
 * The priorities the trackers name, most urgent first, each scheme on the same five steps: Jira's
 * defaults (and the built-in items, which use them), Jira's older Blocker…Trivial, and the
 * `P0`…`P4` GitHub labels (`P5`, for a P1…P5 scheme, after `P4`). Compared without regard to
 * case: a GitHub label reads `priority: high`.
 */
const PRIORITY_RANK: ReadonlyMap<string, number> = new Map([
  ...['highest', 'high', 'medium', 'low', 'lowest'].map(
    (name, i) => [name, i] as const,
  ),
  ...['blocker', 'critical', 'major', 'minor', 'trivial'].map(
    (name, i) => [name, i] as const,
  ),
  ...['p0', 'p1', 'p2', 'p3', 'p4', 'p5'].map((name, i) => [name, i] as const),
]);

/**
 * Priority, most urgent first (ascending): the known priorities by {@link PRIORITY_RANK}, then
 * any other by name, then items without one (untriaged), last whichever way the column sorts.
 * Equal priorities keep the ranked order.
 */
export const byPriority: ColumnSort<BacklogRow> = (a, b, _type, direction) => {
  const pa = a.item.priority;
  const pb = b.item.priority;
  // Descending, material-table swaps the rows: "last" is then the smaller result.
  const last = direction === 'desc' ? -1 : 1;
  let result: number;
  if (pa === undefined || pb === undefined) {
    if (pa === pb) return (a.position - b.position) * last;
    return pa === undefined ? last : -last;
  }
  const ra = PRIORITY_RANK.get(pa.trim().toLocaleLowerCase('en-US'));
  const rb = PRIORITY_RANK.get(pb.trim().toLocaleLowerCase('en-US'));
  if (ra !== undefined && rb !== undefined) result = ra - rb;
  else if (ra !== undefined) result = -1;
  else if (rb !== undefined) result = 1;
  else result = compareText(pa, pb);
  // Ties keep the ranked order in both directions.
  return result || (a.position - b.position) * last;
};

/**
 * The "Reliability work?" column's answer in words (no colour or mark): `Yes` and why, as the
 * backend says it (`Yes: type Bug`, `Yes: label slo`, `Yes: built-in SLO item`), or `No`.
 */
function reliabilityText(
  item: Pick<BacklogItem, 'reliability' | 'reliabilityReason'>,
): string {
  if (!item.reliability) return 'No';
  return item.reliabilityReason ? `Yes: ${item.reliabilityReason}` : 'Yes';
}

/**
 * Asked as a question: its answer is yes or no, and its sort button is not named like the
 * "Reliability work" view's button beside the table.
 */
const RELIABILITY_COLUMN = 'Reliability work?';

/** The rank column's heading and what it means, said under the views (it is not the row number). */
const RANK_COLUMN = 'Overall rank';
const RANK_MEANING =
  'Overall rank: the item’s place in the Ranked list (every tracker merged by rank, the order the figures count); the other views keep it.';

// Built once: material-table keeps its sort state on the column objects.
// Every column has a width, together 100 %: material-table shares what is left equally among the
// columns without one, and its shares came to more than the whole: at 1440 px the Item column,
// squeezed to its minimum, wrapped titles over up to five lines. The short columns end up as
// wide as their headers need; the item's title takes the rest.
const columns = wholeWords<BacklogRow>([
  {
    title: RANK_COLUMN,
    width: '6%',
    field: 'position',
    type: 'numeric',
  },
  {
    title: 'Item',
    width: '36%',
    field: 'item.key',
    // The title is what people read first: give it room before the short columns (and at least
    // this much, the table scrolling sideways in a narrow window).
    cellStyle: { minWidth: 220 },
    headerStyle: { minWidth: 220 },
    customSort: (a, b) => compareText(a.item.title, b.item.title),
    render: ({ item }) => (
      <>
        <BacklogItemKeyAndTitle item={item} underline="always" />
        <Labels labels={item.labels} />
      </>
    ),
  },
  {
    title: 'Type',
    width: '8%',
    field: 'item.type',
    customSort: (a, b) => compareText(a.item.type, b.item.type),
    render: ({ item }) => item.type,
  },
  {
    title: 'Priority',
    width: '10%',
    field: 'item.priority',
    customSort: byPriority,
    render: ({ item }) => item.priority ?? 'none (untriaged)',
  },
  {
    title: 'Status',
    width: '10%',
    field: 'item.status',
    customSort: (a, b) => compareText(a.item.status, b.item.status),
    render: ({ item }) =>
      item.awaitingTriage ? `${item.status} (awaiting triage)` : item.status,
  },
  {
    title: 'Assignee',
    width: '11%',
    field: 'item.assignee',
    // Unassigned items last, whichever way the column sorts.
    customSort: byText(row => row.item.assignee),
    render: ({ item }) => <Assignee assignee={item.assignee} />,
  },
  {
    title: 'Age',
    width: '8%',
    field: 'ageDays',
    type: 'numeric',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => formatDays(row.ageDays),
  },
  {
    title: RELIABILITY_COLUMN,
    width: '11%',
    field: 'item.reliability',
    customSort: (a, b) =>
      Number(b.item.reliability) - Number(a.item.reliability),
    render: ({ item }) => reliabilityText(item),
  },
]);

const EMPTY_VIEW: Record<BacklogView, string> = {
  ranked: 'No open items.',
  'reliability-first': 'No open items.',
  reliability: 'No open item is reliability work.',
  oldest: 'No open item is older than 180 days.',
};

/**
 * The open items in a sortable table, with views that bring the oldest items and the reliability
 * work to the top. `initialView` is `reliability-first` when the release gate warns or blocks.
 */
export function BacklogItemsTable(props: {
  items: BacklogItem[];
  figures: BacklogFigures;
  initialView?: BacklogView;
}) {
  const classes = useStyles();
  const [view, setView] = useState<BacklogView>(props.initialView ?? 'ranked');
  const rows = rowsOf(props.items, props.figures, view);
  return (
    <Box>
      <ButtonGroup
        size="small"
        color="primary"
        aria-label="Which items to list"
        className={classes.views}
      >
        {(Object.keys(VIEW_LABELS) as BacklogView[]).map(key => (
          <Button
            key={key}
            aria-pressed={key === view}
            variant={key === view ? 'contained' : 'outlined'}
            onClick={() => setView(key)}
          >
            {VIEW_LABELS[key]}
          </Button>
        ))}
      </ButtonGroup>
      {/* Not textSecondary: it stands on the page's own background, which in the new frontend
          system's app (#f5f5f5) takes secondary text to 4.47:1, under WCAG's 4.5:1. */}
      <Typography variant="body2" className={classes.rankMeaning}>
        {RANK_MEANING}
      </Typography>
      <AccessibleTable<BacklogRow>
        title={`${VIEW_LABELS[view]} (${rows.length.toLocaleString('en-US')})`}
        columns={columns}
        // material-table writes its own state into the rows it is given: hand it copies.
        data={rows.map(row => ({ ...row }))}
        options={{
          paging: rows.length > 25,
          pageSize: 25,
          pageSizeOptions: [25, 50, 100],
          emptyRowsWhenPaging: false,
          search: false,
          sorting: true,
          padding: 'dense',
        }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">{EMPTY_VIEW[view]}</Typography>
          </Box>
        }
      />
    </Box>
  );
}
