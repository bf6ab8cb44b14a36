import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useRef } from 'react';
import { formatInstant } from './formatSlo';
import { describeRequestFailure } from './responseErrors';
import { useSaidWhenShown } from './useSaidWhenShown';

const useStyles = makeStyles(theme => ({
  note: { margin: theme.spacing(1, 0, 2) },
}));

/**
 * What a view kept current says when reading it again after a stored evaluation run failed
 * (`refreshError` of `useRefreshInPlace`): its figures stay, said to be those of the last read —
 * "Not up to date: could not read the SLOs again (The stewardship backend did not answer the
 * request (502 Bad Gateway); it may be down or restarting). Shown as of 2026-12-07 10:27 UTC;
 * read again after the next evaluation, or when you reload the page."
 *
 * No Try again button: it would vanish with the note on success, taking the focus with it; the
 * next evaluation reads again anyway.
 */
export function RefreshFailedNote(props: {
  /** Why the quiet read failed; nothing is shown without one. */
  error?: Error;
  /** What was read, for the sentence: "the SLOs", "the release gate". */
  reading: string;
  /** The moment the figures shown are of, when they carry one. */
  shownAsOf?: string | Date;
  /** When the view reads again by itself, for the sentence (default "after the next evaluation"). */
  readAgain?: string;
  className?: string;
}) {
  const {
    error,
    reading,
    shownAsOf,
    readAgain = 'after the next evaluation',
    className,
  } = props;
  const classes = useStyles();
  const reason = error
    ? describeRequestFailure(error).message.replace(/\.$/, '')
    : undefined;
  const note =
    reason === undefined
      ? undefined
      : `Not up to date: could not read ${reading} again (${reason}). ${
          shownAsOf
            ? `Shown as of ${formatInstant(new Date(shownAsOf))}`
            : 'Shown as last read'
        }; read again ${readAgain}, or when you reload the page.`;
  // A read that failed while a dialog was open (recording an incident, say) is said once the
  // dialog has gone: its text put in anew, in the same status line.
  const region = useRef<HTMLDivElement>(null);
  const key = useSaidWhenShown(region, note);
  if (note === undefined) return null;
  // A status, as the other notes that come with a read (the backlog card's advice): said when
  // it appears, without interrupting.
  return (
    <Alert
      ref={region}
      severity="warning"
      role="status"
      className={className ?? classes.note}
    >
      <span key={key}>{note}</span>
    </Alert>
  );
}

/** When views of owners read again by themselves (`readAgain` of {@link RefreshFailedNote}). */
export const OWNERSHIP_READ_AGAIN = 'after the next exemption or confirmation';
