import { InfoCard } from '@backstage/core-components';
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
import { ReactNode } from 'react';
import { formatPercent } from './formatCoverage';

const useStyles = makeStyles(theme => ({
  problems: { listStyle: 'none', margin: 0, padding: 0 },
  // As many figures a row as fit (four on a card a third of a wide page), each at least 8rem.
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(8rem, 1fr))',
    gap: theme.spacing(3),
  },
  // Three rows of the figures' grid: title, percentage, the rest (see Figure).
  figure: {
    display: 'grid',
    gridRow: 'span 3',
    gridTemplateRows: 'subgrid',
    rowGap: 0,
    alignContent: 'start',
  },
}));

/**
 * One figure: its title, the percentage, then the count and what else is said of it (`children`).
 * Title and percentage sit on rows shared with the figures beside it (subgrid), so a title that
 * wraps ("Engineering owner" in a narrow column) moves the row down for all, and every
 * percentage stays level with the others; the lines under them flow on their own.
 */
function Figure(props: {
  title: string;
  part: number;
  total: number;
  detail: string;
  children?: ReactNode;
}) {
  const classes = useStyles();
  return (
    <div className={classes.figure}>
      <Typography variant="overline" color="textSecondary" component="h4">
        {props.title}
      </Typography>
      <Typography variant="h4" component="p">
        {formatPercent(props.part, props.total)}
      </Typography>
      <div>
        <Typography variant="body2">
          {`${props.part}/${props.total} ${props.detail}`}
        </Typography>
        {props.children}
      </div>
    </div>
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
  const classes = useStyles();
  return (
    <InfoCard
      title="Coverage"
      titleTypographyProps={{ component: 'h3' }}
      subheader={`${summary.entities} entities in scope`}
    >
      <div className={classes.figures}>
        <Figure
          title="Compliant"
          part={summary.compliant}
          total={summary.entities}
          detail="with every required role ok or exempt"
        />
        {OWNERSHIP_ROLES.map(role => {
          const counts = summary.roles[role];
          return (
            <Figure
              key={role}
              title={OWNERSHIP_ROLE_TITLES[role]}
              part={counts?.ok ?? 0}
              total={summary.entities}
              detail="ok"
            >
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
            </Figure>
          );
        })}
      </div>
    </InfoCard>
  );
}
