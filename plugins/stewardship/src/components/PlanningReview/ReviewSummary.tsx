import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { PlanningReview } from '@stewardship/backstage-plugin-stewardship-common';
import { costText, ownershipGapKinds } from './reviewFormat';

/** How many met their objectives, the three largest budget costs, the ownership gaps. */
export function ReviewSummary(props: { review: PlanningReview }) {
  const { summary } = props.review;
  const gapKinds = ownershipGapKinds(props.review.rows);
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={4}>
        <InfoCard title="Objectives" titleTypographyProps={{ component: 'h3' }}>
          <Typography variant="h4" component="p">
            {summary.met} of {summary.entities} met
          </Typography>
          <Typography>
            {summary.missed} missed, {summary.noData} without data,{' '}
            {summary.noSlos} without SLOs. Release gate at the end:{' '}
            {summary.releaseGate.allow} allow, {summary.releaseGate.warn} warn,{' '}
            {summary.releaseGate.block} block.
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
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={3}>
        <InfoCard
          title="Ownership gaps"
          titleTypographyProps={{ component: 'h3' }}
        >
          <Typography variant="h4" component="p">
            {summary.ownershipGaps} gap{summary.ownershipGaps === 1 ? '' : 's'}
          </Typography>
          <Typography>
            in {summary.entitiesWithOwnershipGaps} of {summary.entities}{' '}
            entities
          </Typography>
          {gapKinds && <Typography variant="body2">{gapKinds}</Typography>}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
