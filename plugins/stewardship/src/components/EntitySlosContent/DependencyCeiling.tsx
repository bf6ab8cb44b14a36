import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  DependencyAvailability,
  EntityDependencyCeiling,
} from '@stewardship/backstage-plugin-stewardship-common';
import { stewardshipApiRef } from '../../api';
import { formatInstant, formatPercent, formatPercents } from '../formatSlo';
import { useAbortableAsyncRetry } from '../../hooks/useAbortableAsyncRetry';
import { AccessibleTable } from '../tables/AccessibleTable';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { useStableId } from '../useStableId';

const UNKNOWN_REASON: Record<
  NonNullable<DependencyAvailability['unknown']>,
  string
> = {
  'no-slo': 'Unknown: no availability SLO',
  'not-visible': 'Unknown: not in the catalog, or not visible to you',
};

/** "99.5 % × 99.95 % = 99.45 %", from the known objectives. */
function formula(ceiling: EntityDependencyCeiling): string {
  const factors = ceiling.dependencies.flatMap(d =>
    d.slo ? [formatPercent(d.slo.objective)] : [],
  );
  const result = formatPercent(ceiling.ceiling!);
  return factors.length > 1 ? `${factors.join(' × ')} = ${result}` : result;
}

/**
 * The ceiling, its formula, the dependencies and a warning per own objective above it. The
 * dependencies' table is named by the element `labelledBy` names (the card's heading).
 */
export function DependencyCeilingView(props: {
  ceiling: EntityDependencyCeiling;
  labelledBy?: string;
}) {
  const { ceiling, labelledBy } = props;
  const unknown = ceiling.dependencies.filter(d => d.unknown).length;
  if (ceiling.dependencies.length === 0) {
    return (
      <Typography variant="body2">
        No dependencies are declared (<code>spec.dependsOn</code>), so nothing
        caps this entity's availability.
      </Typography>
    );
  }
  return (
    <>
      {ceiling.ceiling === undefined ? (
        <Typography variant="body2" paragraph>
          None of its dependencies has an availability SLO, so the ceiling is
          unknown.
        </Typography>
      ) : (
        <Typography variant="body2" paragraph>
          Its dependencies allow at most{' '}
          <strong>{formatPercent(ceiling.ceiling)}</strong> availability (the
          product of their availability objectives: {formula(ceiling)}).
          {unknown > 0 &&
            ` ${unknown} of ${ceiling.dependencies.length} dependencies ${
              unknown === 1 ? 'has' : 'have'
            } no known objective, so the real ceiling may be lower.`}
        </Typography>
      )}
      {ceiling.objectives
        .filter(o => o.aboveCeiling)
        .map(o => {
          // Decimals enough to tell the two apart: 99.99 % is never "more than the 99.99 %".
          const [objective, allowed] = formatPercents([
            o.objective,
            ceiling.ceiling!,
          ]);
          return (
            // Shown as the card loads, no event: a status, not an alert said at once each time.
            <Alert
              key={o.id}
              severity="warning"
              role="status"
              style={{ marginBottom: 8 }}
            >
              Warning: “{o.name}” promises {objective}, more than the {allowed}{' '}
              its dependencies allow.
            </Alert>
          );
        })}
      <AccessibleTable<DependencyAvailability>
        labelledBy={labelledBy}
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
          // material-table's sort labels (role=button) hold a focusable element: axe's
          // nested-interactive, a serious violation. A short list needs no sorting.
          sorting: false,
        }}
        data={ceiling.dependencies}
        columns={[
          {
            title: 'Dependency',
            field: 'entityRef',
            render: d => (
              <EntityRefLink entityRef={d.entityRef} title={d.title} />
            ),
          },
          {
            title: 'Availability objective',
            render: d =>
              d.slo
                ? `${formatPercent(d.slo.objective)} (${d.slo.name})`
                : UNKNOWN_REASON[d.unknown ?? 'no-slo'],
          },
        ]}
      />
    </>
  );
}

/**
 * The dependency ceiling card of the SLO tab: the best availability the entity's dependencies
 * allow it to promise, the dependencies with their objectives (or why they are unknown), and a
 * warning for every own objective above the ceiling.
 */
export function DependencyCeilingCard(props: {
  entityRef: string;
  /** The tab's "as of" moment; the ceiling is not kept over time, so the card says it is now's. */
  at?: Date;
  /** Moves when the entity's SLOs change (their objectives are compared): the card reads again. */
  sloRevision?: number;
}) {
  const api = useApi(stewardshipApiRef);
  const titleId = useStableId('dependency-ceiling-title');
  const { value, loading, error, retry } = useAbortableAsyncRetry(
    signal =>
      api
        .getEntityDependencyCeiling(props.entityRef, { signal })
        .then(ceiling => ({ readFor: props.entityRef, ceiling })),
    [api, props.entityRef, props.sloRevision],
  );
  // Read again after an SLO change, the card stays as it was until the answer: in place of a
  // progress bar, its warnings (statuses) would come back as new ones, said again each time
  // though most are unchanged. Another entity's ceiling is never kept.
  const shown = value?.readFor === props.entityRef ? value.ceiling : undefined;
  let content;
  if (loading && !shown) {
    content = <Progress aria-label="Loading the dependency ceiling" />;
  } else if (error) {
    // As every card of the plugin says a failed read: what failed in words, and Try again.
    content = (
      <RequestErrorPanel
        error={error}
        reading="the dependency ceiling"
        onRetry={retry}
      />
    );
  } else if (shown) {
    content = (
      <div aria-busy={loading}>
        {props.at && (
          // A note on what the card shows, there from the start: no alert (role "alert", said
          // at once on every page load at a past moment), a status.
          <Alert severity="info" role="status">
            As it is now, not as of {formatInstant(props.at)}: the catalog keeps
            no history of dependencies, so the ceiling is always today's.
          </Alert>
        )}
        <DependencyCeilingView ceiling={shown} labelledBy={titleId} />
      </div>
    );
  }
  return (
    <InfoCard
      title={<span id={titleId}>Dependency ceiling</span>}
      titleTypographyProps={{ component: 'h2' }}
      subheader="The availability this entity can promise at best, given what its dependencies promise"
    >
      {content}
    </InfoCard>
  );
}
