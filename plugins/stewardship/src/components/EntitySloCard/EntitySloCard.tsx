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
} from '../EntitySlosContent/describeSlo';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { useFocusRing } from '../focusRing';
import { SystemSlos, useSystemSlos } from './useSystemSlos';

/** Worst first: the statuses in -common's order, then SLOs never evaluated. */
const ORDER: SloDisplayStatus[] = [...SLO_STATUSES, 'stale'];

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
}) {
  const { items, systemRef } = props;
  const worst = worstSlo(items);
  const counts = ORDER.map(
    status =>
      [status, items.filter(i => displayStatus(i) === status).length] as const,
  ).filter(([, count]) => count > 0);
  const budget = worst?.evaluation?.errorBudget;
  const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
  const elsewhere =
    worst && systemRef && lower(worst.slo.entityRef) !== lower(systemRef)
      ? ` in ${entityName(worst.slo.entityRef)}`
      : '';
  return (
    <Table size="small" aria-label="SLOs by status">
      <TableBody>
        {counts.map(([status, count]) => (
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
  subheader?: string;
  loading: boolean;
  error?: Error;
  retry: () => void;
}

function SloCardView(props: {
  state: SloCardState;
  emptyText: string;
  systemRef?: string;
}) {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const { items, subheader, loading, error, retry } = props.state;
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
  } else if (items) {
    content = <Summary items={items} systemRef={props.systemRef} />;
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
    </InfoCard>
  );
}

function OwnSloCard() {
  const { value, loading, error, retry } = useEntitySlos();
  return (
    <SloCardView
      state={{
        items: value?.items,
        subheader: value ? slosText(value.items.length) : undefined,
        loading,
        error,
        retry,
      }}
      emptyText="No SLO yet. The SLOs tab shows how to add one."
    />
  );
}

/** A system's card counts its components' SLOs too, as its SLOs tab lists them. */
function SystemSloCard() {
  const { entity } = useEntity();
  const { value, loading, error, retry } = useSystemSlos(entity);
  return (
    <SloCardView
      state={{
        items: value ? [...value.own, ...value.inComponents] : undefined,
        subheader: value ? systemSummary(value) : undefined,
        loading,
        error,
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
