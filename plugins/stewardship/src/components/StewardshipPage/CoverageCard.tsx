import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  AttestationCounts,
  CoverageSummary,
  OWNERSHIP_ROLES,
  OWNERSHIP_ROLE_TITLES,
  OWNERSHIP_STATUSES,
  RoleStatusCounts,
} from '@stewardship/backstage-plugin-stewardship-common';
import { formatPercent } from './formatCoverage';

function Figure(props: {
  title: string;
  part: number;
  total: number;
  detail: string;
}) {
  return (
    <>
      <Typography variant="overline" color="textSecondary" component="h4">
        {props.title}
      </Typography>
      <Typography variant="h4" component="p">
        {formatPercent(props.part, props.total)}
      </Typography>
      <Typography variant="body2">
        {`${props.part}/${props.total} ${props.detail}`}
      </Typography>
    </>
  );
}

function problemCounts(counts: RoleStatusCounts): string {
  const parts = OWNERSHIP_STATUSES.filter(
    s => s !== 'ok' && s !== 'exempt' && counts[s] > 0,
  ).map(s => `${s} ${counts[s]}`);
  return parts.length ? parts.join(' · ') : 'no problems';
}

/** Exempt roles, counted apart from both ok and the problems. */
function exemptCount(counts: RoleStatusCounts): string {
  return `exempt ${counts.exempt ?? 0}`;
}

/** Of the ok roles, how many are not confirmed (never, or the confirmation is stale). */
function unconfirmedCount(counts: AttestationCounts): string {
  return `unconfirmed ${counts.none + counts.stale} (stale ${counts.stale})`;
}

/** Compliance overall and coverage per role, with problem counts. */
export function CoverageCard(props: { summary: CoverageSummary }) {
  const { summary } = props;
  return (
    <InfoCard
      title="Coverage"
      titleTypographyProps={{ component: 'h3' }}
      subheader={`${summary.entities} entities in scope`}
    >
      <Grid container spacing={3}>
        <Grid item xs={12} sm={6} md={3}>
          <Figure
            title="Compliant"
            part={summary.compliant}
            total={summary.entities}
            detail="with every required role ok or exempt"
          />
        </Grid>
        {OWNERSHIP_ROLES.map(role => {
          const counts = summary.roles[role];
          return (
            <Grid item xs={12} sm={6} md={3} key={role}>
              <Figure
                title={OWNERSHIP_ROLE_TITLES[role]}
                part={counts?.ok ?? 0}
                total={summary.entities}
                detail="ok"
              />
              <Typography variant="body2" color="textSecondary">
                {counts ? problemCounts(counts) : 'no data'}
              </Typography>
              {counts && (
                <Typography variant="body2" color="textSecondary">
                  {exemptCount(counts)}
                </Typography>
              )}
              {summary.attestations && (
                <Typography variant="body2" color="textSecondary">
                  {unconfirmedCount(summary.attestations[role])}
                </Typography>
              )}
            </Grid>
          );
        })}
      </Grid>
    </InfoCard>
  );
}
