import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { SloStatus } from '@stewardship/backstage-plugin-stewardship-common';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'baseline',
    gap: theme.spacing(0.5),
  },
  word: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
}));

/** What an SLO row shows as its status: the evaluated status, or `stale` without an evaluation. */
export type SloDisplayStatus = SloStatus | 'stale';

function Icon(props: { status: SloDisplayStatus }) {
  switch (props.status) {
    case 'healthy':
      return <StatusOK />;
    case 'at-risk':
      return <StatusWarning />;
    case 'exhausted':
      return <StatusError />;
    case 'stale':
      return <StatusPending />;
    default:
      return <StatusAborted />;
  }
}

/**
 * An SLO status as a coloured icon followed by the status word as visible text. Backstage's
 * `Status*` components mark themselves (and their children) `aria-hidden`, so the word sits beside
 * the icon, not inside it: a screen reader reads it and it reads the same without colour.
 */
export function SloStatusLabel(props: { status: SloDisplayStatus }) {
  const classes = useStyles();
  return (
    <span className={classes.root}>
      <Icon status={props.status} />
      <Typography component="span" variant="body2" className={classes.word}>
        {props.status}
      </Typography>
    </span>
  );
}
