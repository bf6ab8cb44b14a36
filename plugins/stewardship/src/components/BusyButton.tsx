import Button, { ButtonProps } from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  // MUI's disabled look, without `disabled`.
  busy: {
    color: theme.palette.action.disabled,
    cursor: 'progress',
  },
  outlined: {
    borderColor: theme.palette.action.disabledBackground,
  },
}));

/**
 * A button whose action runs for a moment (a request): while `busy` it ignores presses and clicks,
 * looks disabled and says so to assistive technology (`aria-disabled`, and `aria-busy`: it is
 * working, not unavailable for good), but keeps focus. A wait that may be long says so in its
 * label too (e.g. `Previewing…`, `Evaluating…`). MUI's
 * `disabled` would not: the browser moves focus off a control that becomes disabled, to the
 * page's body, so a keyboard user who pressed it would start over at the top of the page.
 */
export function BusyButton(props: ButtonProps & { busy: boolean }) {
  const { busy, onClick, className, ...rest } = props;
  const classes = useStyles();
  const busyClasses = [
    className,
    classes.busy,
    rest.variant === 'outlined' && classes.outlined,
  ];
  return (
    <Button
      {...rest}
      className={busy ? busyClasses.filter(Boolean).join(' ') : className}
      aria-disabled={busy || undefined}
      aria-busy={busy || undefined}
      // preventDefault: a busy submit button submits no form (nor does Enter in its fields).
      onClick={busy ? event => event.preventDefault() : onClick}
    />
  );
}
