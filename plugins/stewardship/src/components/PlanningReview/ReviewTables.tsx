import { Link, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  entityPresentationSnapshot,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment } from 'react';
import {
  PlanningReview,
  ReviewRow,
  ReviewSlo,
  isSloKind,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  BACKLOG_NOT_READ_YET,
  BACKLOG_READ_HINT,
  attainmentText,
  backlogText,
  burn,
  hasBacklogTab,
  incidentsBySeverity,
  largestCost,
  objectivesText,
  ownershipGapCounts,
  ownershipGaps,
  percent,
  releaseGateText,
  rowKind,
} from './reviewFormat';
import {
  CeilingCell,
  CostCell,
  Figure,
  MISSING,
  MttaMttrCell,
} from './ReviewFigureCells';
import { isOwnershipKind } from '../../isOwnershipAvailable';
import { wholeWords } from '../tables/wholeWords';
import { AccessibleTable } from '../tables/AccessibleTable';
import { ColumnSort, byNumber, byText } from '../tables/sorting';
import { formatInstant } from '../formatSlo';
import { usePrinting } from '../../hooks/usePrinting';

/** Rows on a page on screen; a table of at most this many rows shows no paging controls. */
export const REVIEW_PAGE_SIZE = 20;

/**
 * Paged on screen (an organisation of 2,000 entities made 4,000 rows: slow to open, sort and
 * scroll), whole in print: a review is printed for a planning meeting. material-table sorts all
 * of its rows, then pages them, and keeps the order and the page when `paging` toggles.
 * No search; headers sort.
 */
function tableOptions(rows: number, printing: boolean) {
  return {
    paging: !printing && rows > REVIEW_PAGE_SIZE,
    pageSize: REVIEW_PAGE_SIZE,
    pageSizeOptions: [REVIEW_PAGE_SIZE, 50, 100],
    emptyRowsWhenPaging: false,
    search: false,
    padding: 'dense' as const,
  };
}

/**
 * The paging buttons' names, each with its table's: the review shows three tables, and a list
 * of the page's controls would otherwise read "Next Page" three times. They start as their
 * tooltips read, so speaking the tooltip still finds the button.
 */
const pagingLabels = (title: string) => ({
  pagination: {
    firstAriaLabel: `First Page of ${title}`,
    previousAriaLabel: `Previous Page of ${title}`,
    nextAriaLabel: `Next Page of ${title}`,
    lastAriaLabel: `Last Page of ${title}`,
  },
});

/**
 * A table's `key`: another review (another period or scope) starts on the first page, where
 * material-table would keep the page it was on.
 */
const reviewKey = (review: PlanningReview) =>
  JSON.stringify([review.scope, review.from, review.to]);

const useStyles = makeStyles({
  // On one line: a cell's min-width does not hold in an auto-laid-out table, so in the wide
  // reliability table the three links broke over three lines.
  links: { whiteSpace: 'nowrap' },
});

/**
 * An entity as its link reads: its catalog title, else its short ref (`payments-api`). What the
 * Entity columns sort on, rather than the ref with its kind and namespace.
 */
const entityText = (entityRef: string, title?: string) =>
  title ?? entityPresentationSnapshot(entityRef).primaryTitle;

/** The entity page's path, which its tabs' paths start with. */
function useEntityPath(entityRef: string) {
  const entityRoute = useRouteRef(entityRouteRef);
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return entityRoute({
    kind: kind.toLocaleLowerCase('en-US'),
    namespace,
    name,
  });
}

/**
 * Links into the entity's tabs, only those its kind has (the rules the apps mount the tabs by:
 * `isSlosAvailable`, `isBacklogAvailable`, `isOwnershipAvailable`, the same in the alpha
 * extensions' filters). A group's review lists domains and resources too: a link to their SLOs
 * tab landed on the Overview in the legacy app and on a 404 in the new frontend system's.
 * Each link's name adds the entity to the tab's ("SLOs of Payments API"): a list of the page's
 * links read "SLOs" once per row.
 */
function EntityLinks(props: { row: ReviewRow }) {
  const classes = useStyles();
  const base = useEntityPath(props.row.entityRef);
  const kind = rowKind(props.row);
  const entity = entityText(props.row.entityRef, props.row.title);
  const tabs = [
    isSloKind(kind) && { path: 'slos', title: 'SLOs' },
    hasBacklogTab(props.row) && { path: 'backlog', title: 'Backlog' },
    isOwnershipKind(kind) && { path: 'ownership', title: 'Ownership' },
  ].filter((tab): tab is { path: string; title: string } => Boolean(tab));
  return (
    <>
      <EntityRefLink entityRef={props.row.entityRef} />
      {tabs.length > 0 && (
        <div className={`stewardship-review-links ${classes.links}`}>
          {tabs.map((tab, index) => (
            <Fragment key={tab.path}>
              {index > 0 && ' · '}
              <Link
                to={`${base}/${tab.path}`}
                aria-label={`${tab.title} of ${entity}`}
              >
                {tab.title}
              </Link>
            </Fragment>
          ))}
        </div>
      )}
    </>
  );
}

/**
 * The backlog figures; for a backlog never read, what to do, with a link to do it: the figures are
 * stored when the entity's Backlog tab reads the tracker (nothing reads it on a schedule), so a
 * bare "not read yet" left a planner with nothing to act on. An entity that may have no Backlog
 * tab gets no link but a sentence saying when it has one (`backlogText`). The link's name adds
 * the entity, as the tabs' links do. A backlog whose last read failed (a tracker down) says so,
 * when and which tracker, without the link: opening the tab again would not read it either.
 */
function BacklogCell(props: { row: ReviewRow }) {
  const base = useEntityPath(props.row.entityRef);
  if (
    props.row.backlog.status !== 'not-read-yet' ||
    props.row.backlog.lastReadFailed ||
    !hasBacklogTab(props.row)
  ) {
    return <>{backlogText(props.row)}</>;
  }
  return (
    <>
      {BACKLOG_NOT_READ_YET}:{' '}
      <Link
        to={`${base}/backlog`}
        aria-label={`${BACKLOG_READ_HINT} (${entityText(
          props.row.entityRef,
          props.row.title,
        )})`}
      >
        {BACKLOG_READ_HINT}
      </Link>
    </>
  );
}

/** The entity column both tables start with, links into its tabs included. */
const ENTITY_COLUMN: TableColumn<ReviewRow> = {
  title: 'Entity',
  field: 'entityRef',
  customSort: byText(row => entityText(row.entityRef, row.title)),
  // Wide enough for a title on one line; the figures' columns wrap instead.
  cellStyle: { minWidth: 220 },
  render: row => <EntityLinks row={row} />,
};

/**
 * How reliable each entity was: one row per entity, every column sortable. The planning figures
 * are a second table, {@link ReviewPlanningTable}: in one, eleven columns overflowed a 1440 px
 * window (and a printed page).
 */
export function ReviewEntitiesTable(props: { review: PlanningReview }) {
  const printing = usePrinting();
  const columns: TableColumn<ReviewRow>[] = [
    ENTITY_COLUMN,
    {
      title: 'Objectives',
      field: 'objectives',
      render: row => objectivesText(row),
    },
    {
      title: 'Lowest budget left at the end',
      field: 'lowestBudgetRemaining',
      type: 'numeric',
      customSort: byNumber(r => r.lowestBudgetRemaining),
      render: row => (
        <Figure
          text={percent(row.lowestBudgetRemaining)}
          missing={MISSING.budget}
        />
      ),
    },
    {
      title: 'Worst burn (1 h)',
      field: 'worstBurnRate1h',
      type: 'numeric',
      customSort: byNumber(r => r.worstBurnRate1h),
      render: row => (
        <Figure text={burn(row.worstBurnRate1h)} missing={MISSING.burn} />
      ),
    },
    {
      title: 'Incidents',
      field: 'incidents.count',
      type: 'numeric',
      customSort: byNumber(r => r.incidents.count),
      render: row => `${row.incidents.count} (${incidentsBySeverity(row)})`,
    },
    {
      title: 'MTTA / MTTR (median)',
      field: 'incidents.mttrMedianSeconds',
      customSort: byNumber(r => r.incidents.mttrMedianSeconds),
      render: row => <MttaMttrCell row={row} />,
    },
    {
      title: 'Largest budget cost',
      field: 'largestCost',
      type: 'numeric',
      // Largest first on the first click; an entity without a cost last either way.
      customSort: byNumber(r => {
        const cost = largestCost(r);
        return cost === undefined ? undefined : -cost;
      }),
      render: row => <CostCell row={row} />,
    },
  ];
  return (
    <AccessibleTable<ReviewRow>
      key={reviewKey(props.review)}
      title="Reliability"
      columns={wholeWords(columns)}
      data={props.review.rows}
      options={tableOptions(props.review.rows.length, printing)}
      localization={pagingLabels('Reliability')}
    />
  );
}

/**
 * Most ownership gaps first, then most roles not confirmed: an unconfirmed role is not a gap (the
 * summary counts it apart), so two of them must not rank an entity above one with a real gap.
 */
const byOwnershipGaps: ColumnSort<ReviewRow> = (a, b) => {
  const x = ownershipGapCounts([a]);
  const y = ownershipGapCounts([b]);
  return y.gaps - x.gaps || y.unconfirmed - x.unconfirmed;
};

/** What to plan for each entity: backlog, ownership gaps, dependency ceiling, release gate. */
export function ReviewPlanningTable(props: { review: PlanningReview }) {
  const printing = usePrinting();
  const columns: TableColumn<ReviewRow>[] = [
    ENTITY_COLUMN,
    {
      title: 'Backlog',
      field: 'backlog.averageAgeDays',
      customSort: byNumber(r => r.backlog.averageAgeDays),
      render: row => <BacklogCell row={row} />,
    },
    {
      title: 'Ownership gaps',
      field: 'ownershipGaps',
      customSort: byOwnershipGaps,
      render: row => ownershipGaps(row),
    },
    {
      title: 'Dependency ceiling',
      field: 'aboveDependencyCeiling',
      customSort: byNumber(r => -r.aboveDependencyCeiling.length),
      render: row => <CeilingCell row={row} />,
    },
    {
      title: 'Release gate',
      field: 'releaseGate',
      customSort: byText(row => releaseGateText(row)),
      render: row => (
        <Figure text={releaseGateText(row)} missing={MISSING.gate} />
      ),
    },
  ];
  return (
    <AccessibleTable<ReviewRow>
      key={reviewKey(props.review)}
      title="Planning"
      columns={wholeWords(columns)}
      data={props.review.rows}
      options={tableOptions(props.review.rows.length, printing)}
      localization={pagingLabels('Planning')}
    />
  );
}

type SloLine = ReviewSlo & { entityRef: string; entityTitle?: string };

/** A calendar SLO in another zone is counted over its own month or quarter, and says so. */
function ownCalendarRange(line: ReviewSlo): string {
  if (!line.startAt && !line.endAt) return '';
  const from = line.startAt ? ` from ${formatInstant(line.startAt)}` : '';
  const to = line.endAt ? ` to ${formatInstant(line.endAt)}` : '';
  return `, counted${from}${to} by its time zone's calendar`;
}

/** One row per SLO: attainment over the period, budget at the end, worst burn. */
export function ReviewSlosTable(props: { review: PlanningReview }) {
  const printing = usePrinting();
  const data: SloLine[] = props.review.rows.flatMap(row =>
    row.slos.map(slo => ({
      ...slo,
      entityRef: row.entityRef,
      entityTitle: row.title,
    })),
  );
  const columns: TableColumn<SloLine>[] = [
    {
      title: 'Entity',
      field: 'entityRef',
      customSort: byText(line => entityText(line.entityRef, line.entityTitle)),
      render: line => <EntityRefLink entityRef={line.entityRef} />,
    },
    { title: 'SLO', field: 'name', customSort: byText(line => line.name) },
    {
      title: 'Objective',
      field: 'objective',
      type: 'numeric',
      render: line => percent(line.objective),
    },
    {
      title: 'Attainment',
      field: 'attainment',
      type: 'numeric',
      customSort: byNumber(l => l.attainment),
      render: line => `${attainmentText(line)}${ownCalendarRange(line)}`,
    },
    {
      title: 'Budget left at the end',
      field: 'budgetRemainingAtEnd',
      type: 'numeric',
      customSort: byNumber(l => l.budgetRemainingAtEnd),
      render: line => {
        const met = line.metAtEnd ? ' (met)' : ' (missed)';
        // A calendar SLO in another zone is read where its own month or quarter ends.
        const end = line.endAt
          ? `, read as of ${formatInstant(
              line.endAt,
            )} by its time zone's calendar`
          : '';
        return (
          <>
            <Figure
              text={percent(line.budgetRemainingAtEnd)}
              missing={MISSING.budget}
            />
            {line.metAtEnd === undefined ? '' : met}
            {end}
          </>
        );
      },
    },
    {
      title: 'Worst burn (1 h)',
      field: 'worstBurnRate1h',
      type: 'numeric',
      customSort: byNumber(l => l.worstBurnRate1h),
      render: line => (
        <>
          <Figure text={burn(line.worstBurnRate1h)} missing={MISSING.burn} />
          {line.worstBurnRate1h === undefined ? '' : ownCalendarRange(line)}
        </>
      ),
    },
    {
      title: 'Status at the end',
      field: 'statusAtEnd',
      // No snapshot at or before the end: perhaps pruned (snapshotRetention), so not "never".
      emptyValue: 'no evaluation in the period',
    },
  ];
  return (
    <AccessibleTable<SloLine>
      key={reviewKey(props.review)}
      title="SLOs"
      columns={wholeWords(columns)}
      data={data}
      options={tableOptions(data.length, printing)}
      localization={pagingLabels('SLOs')}
      emptyContent={<div style={{ padding: 16 }}>No SLOs in this scope.</div>}
    />
  );
}
