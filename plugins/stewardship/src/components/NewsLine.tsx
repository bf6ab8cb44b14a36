import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useRef } from 'react';
import { useSaidWhenShown } from './useSaidWhenShown';

const useStyles = makeStyles(theme => ({
  news: { marginTop: theme.spacing(1) },
}));

/**
 * A status line saying what changed on a view kept current, by itself (a signal, a silence read,
 * an answer that stopped holding): _Updated 2026-12-07 10:32 UTC: …_. The words of the view itself
 * change in place, easily missed (and never said) by a reader who looked away; the line stays
 * until the next news. It is information, whatever changed (each part shows its own state), and
 * said again once a dialog that hid the page from screen readers has gone. Nothing shown without
 * `news`; the status region stays, so that the next news is said.
 */
export function NewsLine(props: { news?: string }) {
  const classes = useStyles();
  const region = useRef<HTMLDivElement>(null);
  const key = useSaidWhenShown(region, props.news);
  return (
    <div role="status" ref={region}>
      {props.news && (
        // No alert of its own: the status around it announces the text once.
        <Alert key={key} severity="info" role="none" className={classes.news}>
          {props.news}
        </Alert>
      )}
    </div>
  );
}
