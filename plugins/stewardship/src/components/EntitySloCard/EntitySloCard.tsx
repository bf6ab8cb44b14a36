import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  humanizeEntityRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { SLO_STATUSES } from '@stewardship/backstage-plugin-stewardship-common';
import { ReactNode } from 'react';
import { EntitySlo } from '../../api';
import { useEntitySlos } from '../../hooks';
import { SloStatusLabel } from '../EntitySlosContent';
import type { SloDisplayStatus } from '../EntitySlosContent';
import {
  budgetLeftText,
  displayStatus,
  staleText,
} from '../EntitySlosContent/describeSlo';
import { RefreshFailedNote } from '../RefreshFailedNote';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { useStaleOnPage } from '../EntitySlosContent/staleOnPage';
import { useFocusRing } from '../focusRing';
import { SystemSlos, useSystemSlos } from './useSystemSlos';
import { useRefreshedOnEvaluation } from '../../hooks/useRefreshedOnEvaluation';

/** Worst first: the statuses in -common's order, then SLOs never evaluated. */
const ORDER: SloDisplayStatus[] = [...SLO_STATUSES, 'stale'];

/** Stale as the tab labels it: its last evaluation is old, or there is none. */
const isStale = (item: EntitySlo) => item.stale || !item.evaluation;

/**
 * The rows of the status counts: each SLO once under the status its tab row shows first (its
 * last evaluation's, kept when old, as the tab keeps it), e.g. `healthy 4 (1 stale)`; then
 * `stale`, every SLO the tab labels stale, the old evaluations among them, as the overview's
 * `stale` filter counts them, so an old healthy figure does not read as a current one.
 */
function statusRows(
  items: EntitySlo[],
): Array<{ status: SloDisplayStatus; count: string }> {
  const rows = SLO_STATUSES.flatMap(status => {
    const of = items.filter(item => displayStatus(item) === status);
    const stale = of.filter(isStale).length;
    return of.length === 0
      ? []
      : [
          {
            status,
            count: stale > 0 ? `${of.length} (${stale} stale)` : `${of.length}`,
          },
        ];
  });
  const stale = items.filter(isStale).length;
  return stale > 0 ? [...rows, { status: 'stale', count: `${stale}` }] : rows;
}

/**
 * The SLO that needs attention first: the worst status, and within it the least budget left.
 * Budgets are compared as the backend computed them.
 */
export function worstSlo(items: EntitySlo[]): EntitySlo | undefined {
  const rank = (item: EntitySlo) => ORDER.indexOf(displayStatus(item));
  const left = (item: EntitySlo) =>
    item.evaluation?.errorBudget?.remaining ?? Number.POSITIVE_INFINITY;
  return [...items].sort((a, b) => rank(a) - rank(b) || left(a) - left(b))[0];
}

/** `1 SLO`, `4 SLOs`. */
function slosText(n: number): string {
  return n === 1 ? '1 SLO' : `${n} SLOs`;
}

/**
 * Where a system's SLOs are, e.g. `4 SLOs in its components (none of its own)`, so that an owner
 * reading the overview knows the count is not only the system's own.
 */
function systemSummary(slos: SystemSlos): string {
  const own = slos.own.length;
  const inComponents = slos.inComponents.length;
  const total = slosText(own + inComponents);
  if (inComponents === 0) {
    return own > 0 && slos.readableComponents > 0
      ? `${total} of its own (none in its components)`
      : total;
  }
  if (own === 0) {
    return `${total} in its components (none of its own)`;
  }
  return `${total}: ${own} of its own, ${inComponents} in its components`;
}

/** `ledger` for `component:default/ledger`: the entity an SLO belongs to, in short. */
function entityName(entityRef: string): string {
  return humanizeEntityRef(parseEntityRef(entityRef), {
    defaultKind: 'component',
  });
}

function Summary(props: {
  items: EntitySlo[];
  /** On a system: its ref, to name the component an SLO of another entity belongs to. */
  systemRef?: string;
  /** The moment the SLOs were read, which staleness is measured to, as on the tab. */
  asOf: string;
}) {
  const { items, systemRef, asOf } = props;
  const worst = worstSlo(items);
  const budget = worst?.evaluation?.errorBudget;
  const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
  const elsewhere =
    worst && systemRef && lower(worst.slo.entityRef) !== lower(systemRef)
      ? ` in ${entityName(worst.slo.entityRef)}`
      : '';
  return (
    <Table size="small" aria-label="SLOs by status">
      <TableBody>
        {statusRows(items).map(({ status, count }) => (
          <TableRow key={status}>
            <TableCell component="th" scope="row" role="rowheader">
              <SloStatusLabel status={status} />
            </TableCell>
            <TableCell align="right">{count}</TableCell>
          </TableRow>
        ))}
        {worst && (
          <TableRow>
            <TableCell component="th" scope="row" role="rowheader">
              Needs attention first
            </TableCell>
            <TableCell align="right">
              {worst.slo.name}
              {elsewhere}:{' '}
              {budget
                ? `${budgetLeftText(budget)} of its error budget`
                : 'no budget figure (no data)'}
              {/* The card reads now, as the tab does when not shown as of a past moment. */}
              {isStale(worst) && `; ${staleText(worst, asOf, { live: true })}`}
            </TableCell>
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
}

/** What the card shows: the SLOs counted, and the request's state. */
interface SloCardState {
  items?: EntitySlo[];
  /** The moment the SLOs were read (ISO). */
  asOf?: string;
  /** A snapshot older than this is stale: the backend's `stalenessSeconds`. */
  stalenessSeconds?: number;
  subheader?: string;
  loading: boolean;
  error?: Error;
  /** Reading them again after new evaluations failed: `items` are those read before. */
  refreshError?: Error;
  retry: () => void;
}

function SloCardView(props: {
  state: SloCardState;
  emptyText: string;
  systemRef?: string;
}) {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const { asOf, stalenessSeconds, subheader, loading, error } = props.state;
  const { refreshError, retry } = props.state;
  // The card reads now, as the tab does when not shown as of a past moment: it keeps up.
  const shown = useStaleOnPage(
    props.state.items && asOf
      ? { items: props.state.items, asOf, stalenessSeconds }
      : undefined,
    true,
  );
  const items = shown?.items;
  const link = `${entityRoute(entityRouteParams(entity))}/slos`;
  const focusRing = useFocusRing();

  let content: ReactNode = null;
  if (loading) {
    content = <Progress aria-label="Loading the SLOs" />;
  } else if (error) {
    content = (
      <RequestErrorPanel error={error} reading="the SLOs" onRetry={retry} />
    );
  } else if (items && items.length === 0) {
    content = <Typography variant="body2">{props.emptyText}</Typography>;
  } else if (shown) {
    content = (
      <Summary
        items={shown.items}
        systemRef={props.systemRef}
        asOf={shown.asOf}
      />
    );
  }

  return (
    <InfoCard
      variant="gridItem"
      className={focusRing}
      title="SLOs"
      titleTypographyProps={{ component: 'h3' }}
      subheader={items ? subheader : undefined}
      deepLink={{ title: 'View all SLOs', link }}
      noPadding={Boolean(items && items.length > 0)}
    >
      {content}
      <RefreshFailedNote
        error={refreshError}
        reading="the SLOs"
        shownAsOf={asOf}
      />
    </InfoCard>
  );
}

function OwnSloCard() {
  const { entity } = useEntity();
  const { value, loading, error, refreshError, retry } =
    useRefreshedOnEvaluation(useEntitySlos(), stringifyEntityRef(entity));
  return (
    <SloCardView
      state={{
        items: value?.items,
        asOf: value?.at,
        stalenessSeconds: value?.stalenessSeconds,
        subheader: value ? slosText(value.items.length) : undefined,
        loading,
        error,
        refreshError,
        retry,
      }}
      emptyText="No SLO yet. The SLOs tab shows how to add one."
    />
  );
}

/** A system's card counts its components' SLOs too, as its SLOs tab lists them. */
function SystemSloCard() {
  const { entity } = useEntity();
  const { value, loading, error, refreshError, retry } =
    useRefreshedOnEvaluation(useSystemSlos(entity), stringifyEntityRef(entity));
  return (
    <SloCardView
      state={{
        items: value ? [...value.own, ...value.inComponents] : undefined,
        asOf: value?.at,
        stalenessSeconds: value?.stalenessSeconds,
        subheader: value ? systemSummary(value) : undefined,
        loading,
        error,
        refreshError,
        retry,
      }}
      emptyText={
        value && value.readableComponents > 0
          ? 'No SLO yet, of its own or in its components. The SLOs tab shows how to add one.'
          : 'No SLO yet. The SLOs tab shows how to add one.'
      }
      systemRef={stringifyEntityRef(entity)}
    />
  );
}

/**
 * A compact SLO summary for the entity overview: how many SLOs are in each status, the one that
 * needs attention first with its budget left, and a link to the SLOs tab (mounted at `slos`). On
 * a system it counts its own SLOs and its components' (its `hasPart` relations of kind
 * component), and says where they are.
 *
 * @public
 */
export function EntitySloCard() {
  const { entity } = useEntity();
  return entity.kind.toLocaleLowerCase('en-US') === 'system' ? (
    <SystemSloCard />
  ) : (
    <OwnSloCard />
  );
}
