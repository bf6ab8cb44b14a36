import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { PlanningReview } from '@stewardship/backstage-plugin-stewardship-common';
import {
  OBJECTIVES_DEFINITION,
  costText,
  objectivesCounts,
  uncountedCostsNote,
  ownershipGapCounts,
  unconfirmedText,
} from './reviewFormat';

/** How many met their objectives, the three largest budget costs, the ownership gaps. */
export function ReviewSummary(props: { review: PlanningReview }) {
  const { summary, rows } = props.review;
  // Gaps apart from unconfirmed roles, as the scorecard counts them (see ownershipGapCounts).
  const ownership = ownershipGapCounts(rows);
  const unconfirmed = unconfirmedText(ownership);
  const costsNote = uncountedCostsNote(rows);
  // Without the rows of kinds that cannot have SLOs, counted apart (a group's domains, resources).
  const objectives = objectivesCounts(props.review);
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={4}>
        <InfoCard title="Objectives" titleTypographyProps={{ component: 'h3' }}>
          <Typography variant="h4" component="p">
            {objectives.met} of {objectives.entities} met
          </Typography>
          <Typography>
            {objectives.missed} missed, {objectives.noData} without data,{' '}
            {objectives.noSlos} without SLOs
            {objectives.notApplicable && `; ${objectives.notApplicable}`}.
            Release gate at the end: {objectives.releaseGate.allow} allow,{' '}
            {objectives.releaseGate.warn} warn, {objectives.releaseGate.block}{' '}
            block.
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {OBJECTIVES_DEFINITION}
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard
          title="Largest budget costs"
          titleTypographyProps={{ component: 'h3' }}
        >
          {summary.largestBudgetCosts.length === 0 ? (
            <Typography>
              No stored budget cost for incidents detected in this period.
            </Typography>
          ) : (
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {summary.largestBudgetCosts.map(cost => (
                <li key={`${cost.incidentId}-${cost.sloId}`}>
                  <Typography>{costText(cost)}</Typography>
                </li>
              ))}
            </ol>
          )}
          <Typography variant="body2" color="textSecondary">
            {costsNote}
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={3}>
        <InfoCard
          title="Ownership gaps"
          titleTypographyProps={{ component: 'h3' }}
        >
          <Typography variant="h4" component="p">
            {ownership.gaps} gap{ownership.gaps === 1 ? '' : 's'}
          </Typography>
          <Typography>
            in {ownership.entitiesWithGaps} of {summary.entities} entities
          </Typography>
          {ownership.gapKinds && (
            <Typography variant="body2">{ownership.gapKinds}</Typography>
          )}
          {unconfirmed && (
            <Typography variant="body2">{unconfirmed}</Typography>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
