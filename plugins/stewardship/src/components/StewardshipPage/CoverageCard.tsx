import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  AttestationCounts,
  CoverageSummary,
  OWNERSHIP_ROLES,
  OWNERSHIP_ROLE_TITLES,
  OWNERSHIP_STATUSES,
  OwnershipStatus,
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

/**
 * What each problem status means, in the words of the plugin's README, for readers who have not
 * learnt the status names (the failing entities and the Status filter use the names themselves).
 */
const PROBLEM_MEANINGS: Partial<Record<OwnershipStatus, string>> = {
  missing: 'none declared',
  unresolved: 'names no catalog entity',
  invalid: 'not a single user or group',
  orphaned: 'an empty group, or a user in no group',
};

/** One line per problem status with entities, e.g. `3 missing (none declared)`. */
function problemLines(counts: RoleStatusCounts): string[] {
  return OWNERSHIP_STATUSES.filter(
    s => s !== 'ok' && s !== 'exempt' && counts[s] > 0,
  ).map(s => {
    const meaning = PROBLEM_MEANINGS[s];
    return `${counts[s]} ${s}${meaning ? ` (${meaning})` : ''}`;
  });
}

/** Exempt roles, counted apart from both ok and the problems. */
function exemptText(counts: RoleStatusCounts): string {
  return `${
    counts.exempt ?? 0
  } exempt (counted as met until the exemption ends)`;
}

/**
 * Of the ok roles (the line above), how many their holder has not confirmed: never (`none`), or
 * no longer (`stale`: the confirmation expired, or the role's owner changed since).
 */
function unconfirmedText(counts: AttestationCounts): string {
  const never = counts.none;
  const noLonger = counts.stale;
  const unconfirmed = never + noLonger;
  const why = 'the confirmation expired or the owner changed';
  if (unconfirmed === 0) {
    // Without a confirmed one either, there are no ok roles to confirm.
    return counts.current > 0
      ? 'All of these confirmed by their holder'
      : 'None to confirm';
  }
  if (noLonger === 0) {
    return `${unconfirmed} of these never confirmed by their holder`;
  }
  if (never === 0) {
    return `${unconfirmed} of these no longer confirmed by their holder (${why})`;
  }
  return `${unconfirmed} of these not confirmed by their holder: ${never} never, ${noLonger} no longer (${why})`;
}

const useStyles = makeStyles({
  problems: { listStyle: 'none', margin: 0, padding: 0 },
});

/** The role's problem statuses, one a line, or that it has none. */
function Problems(props: { counts?: RoleStatusCounts }) {
  const classes = useStyles();
  const lines = props.counts ? problemLines(props.counts) : [];
  if (!props.counts || lines.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {props.counts ? 'No problems' : 'No data'}
      </Typography>
    );
  }
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      component="ul"
      className={classes.problems}
    >
      {lines.map(line => (
        <li key={line}>{line}</li>
      ))}
    </Typography>
  );
}

/**
 * Compliance overall and coverage per role, with the roles not confirmed by their holder, the
 * problem counts and the exempt roles, in words.
 */
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
              {summary.attestations && (
                <Typography variant="body2" color="textSecondary">
                  {unconfirmedText(summary.attestations[role])}
                </Typography>
              )}
              <Problems counts={counts} />
              {counts && (
                <Typography variant="body2" color="textSecondary">
                  {exemptText(counts)}
                </Typography>
              )}
            </Grid>
          );
        })}
      </Grid>
    </InfoCard>
  );
}
