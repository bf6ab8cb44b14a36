import Grid from '@material-ui/core/Grid';
import {
  OwnershipScorecard,
  ScorecardGroupBy,
} from '@stewardship/backstage-plugin-stewardship-common';
import { CatalogReadAge } from './CatalogReadAge';
import { CoverageCard } from './CoverageCard';
import { FailingEntitiesTable } from './FailingEntitiesTable';
import { GroupsTable } from './GroupsTable';
import { TrendChart } from './TrendChart';
import { ScorecardParam } from './useScorecardParams';
import { HeadedEmptyState } from '../HeadedEmptyState';

/**
 * What to do when a filter matches nothing. A kind filter may be one the policy does not cover
 * (from a link, or offered by a backend that does not say which kinds it covers): it gets the
 * likely reason, not only "choose other filters".
 */
export function noMatchAdvice(kind: string | undefined): string {
  if (!kind) {
    return 'Choose other filters, or clear them to see the whole catalog.';
  }
  return `No ${kind} entity matches. The scorecard counts only the kinds stewardship.ownership.appliesTo covers in app-config.yaml (component, api, system and domain by default): if ${kind} is not among them, add it there to count these entities, or choose another kind.`;
}

/** The loaded scorecard: figures, trend, groups and failing entities. */
export function ScorecardContent(props: {
  scorecard: OwnershipScorecard;
  filtered: boolean;
  /** The kind filtered by, if any: a kind the policy does not cover matches nothing. */
  kind?: string;
  groupBy?: ScorecardGroupBy;
  loading: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
  onFilter: (key: ScorecardParam, value: string) => void;
}) {
  const { scorecard, filtered, groupBy } = props;

  // The backend reuses one catalog read for a short while: say how old the figures are.
  const age = (
    <CatalogReadAge
      readAt={scorecard.evaluatedAt}
      ageSeconds={scorecard.ageSeconds}
    />
  );

  if (scorecard.catalogReadDenied) {
    // Nothing was read, so no read age, and no configuration advice: none would help.
    return (
      <HeadedEmptyState
        headingLevel={2}
        missing="info"
        title="You may not read the catalog"
        description="The permission policy does not let you read catalog entities, so there is nothing to count."
      />
    );
  }

  if (scorecard.summary.entities === 0) {
    return (
      <>
        {filtered ? (
          <HeadedEmptyState
            headingLevel={2}
            // Backstage's "no Information" picture: "data" would say "no Build" to a screen reader.
            missing="info"
            title="No entities match these filters"
            description={noMatchAdvice(props.kind)}
          />
        ) : (
          <HeadedEmptyState
            headingLevel={2}
            missing="info"
            title="No entities in scope"
            description="The ownership policy covers no catalog entities yet. Register components, APIs, systems or domains (the kinds it covers by default), or check stewardship.ownership.appliesTo in app-config.yaml."
          />
        )}
        {age}
      </>
    );
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {age}
      </Grid>
      <Grid item xs={12} lg={7}>
        <CoverageCard summary={scorecard.summary} />
      </Grid>
      <Grid item xs={12} lg={5}>
        <TrendChart
          trend={scorecard.trend}
          withheld={scorecard.trendWithheld}
        />
      </Grid>
      {groupBy && scorecard.groups && (
        <Grid item xs={12}>
          <GroupsTable
            groups={scorecard.groups}
            groupBy={groupBy}
            onFilter={props.onFilter}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <FailingEntitiesTable
          failing={scorecard.failing}
          loading={props.loading}
          page={props.page}
          pageSize={props.pageSize}
          onPageChange={props.onPageChange}
        />
      </Grid>
    </Grid>
  );
}
