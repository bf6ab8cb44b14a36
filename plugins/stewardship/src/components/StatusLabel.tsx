import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ComponentType, ReactNode } from 'react';

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

/** How a status looks: which of Backstage's status icons it takes. */
export type StatusTone = 'ok' | 'warning' | 'error' | 'pending' | 'aborted';

const ICONS: Record<StatusTone, ComponentType> = {
  ok: StatusOK,
  warning: StatusWarning,
  error: StatusError,
  pending: StatusPending,
  aborted: StatusAborted,
};

/**
 * A status as a coloured icon followed by its word as visible text. Backstage's `Status*`
 * components mark themselves and their children `aria-hidden`, so the word sits beside the icon,
 * not inside it: a screen reader reads it, and it reads the same without colour.
 */
export function StatusLabel(props: {
  tone: StatusTone;
  children: ReactNode;
  /** `body1` where the status heads a section (an SLO's details), `body2` in lists and tables. */
  variant?: 'body1' | 'body2';
}) {
  const classes = useStyles();
  const Icon = ICONS[props.tone];
  return (
    <span className={classes.root}>
      <Icon />
      <Typography
        component="span"
        variant={props.variant ?? 'body2'}
        className={classes.word}
      >
        {props.children}
      </Typography>
    </span>
  );
}
