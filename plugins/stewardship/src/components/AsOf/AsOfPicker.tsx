import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect, useRef, useState } from 'react';
import { formatInstant, toLocalInputValue } from '../formatSlo';
import {
  INCOMPLETE_DATE_TIME,
  incompleteEntryProblem,
} from '../incompleteEntries';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
  },
}));

/**
 * How long a typed moment waits for the next keystroke before it is shown: the input completes a
 * valid moment at each field typed (day, then hour, then minutes), and each would otherwise
 * read the whole tab again.
 */
export const AS_OF_SETTLE_MS = 400;

/**
 * The "as of" control of the SLOs tab and the SLO overview: a date-time input in the browser's
 * time zone, and a button back to now. A typed moment is shown once typing pauses for
 * {@link AS_OF_SETTLE_MS}, at once on Enter or when the input loses focus. A moment in the future
 * is refused with a message instead of being sent to the backend. "Now" is disabled once the current state shows, so pressing it
 * hands focus to the input (which then says "Showing the current state"): a focused button that
 * becomes disabled loses focus to the page's body, and a keyboard user would start over at the top.
 */
export function AsOfPicker(props: {
  at?: Date;
  onChange: (at: Date | undefined) => void;
  /** The URL asks for a moment that was refused; Now clears it too. */
  urlRefused?: boolean;
  now?: () => number;
}) {
  const { at, onChange, urlRefused, now = Date.now } = props;
  const classes = useStyles();
  const [text, setText] = useState(at ? toLocalInputValue(at) : '');
  const [problem, setProblem] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const atTime = at?.getTime();
  // The typed moment waiting for typing to pause, and its timer.
  const pending = useRef<{ at: Date; timer: ReturnType<typeof setTimeout> }>();
  const cancelPending = () => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = undefined;
  };
  // The timer calls the onChange of the latest render, not of the one that started it.
  const latestOnChange = useRef(onChange);
  latestOnChange.current = onChange;
  const commitPending = () => {
    const chosen = pending.current?.at;
    cancelPending();
    if (chosen) latestOnChange.current(chosen);
  };
  // A moment still waiting when the picker goes away is dropped with it.
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current.timer);
    },
    [],
  );

  // Follow the URL when it changes from elsewhere (back button, "Now").
  useEffect(() => {
    setText(atTime === undefined ? '' : toLocalInputValue(new Date(atTime)));
    setProblem(undefined);
  }, [atTime]);

  const handleChange = (target: HTMLInputElement) => {
    const value = target.value;
    setText(value);
    cancelPending();
    // A segment deleted from a moment leaves a half-typed one, whose value is '' as if cleared:
    // said so, and the moment shown stays, rather than jumping to the current state.
    const incomplete = incompleteEntryProblem(target);
    if (incomplete) {
      setProblem(incomplete);
      return;
    }
    if (!value) {
      setProblem(undefined);
      onChange(undefined);
      return;
    }
    const chosen = new Date(value);
    if (Number.isNaN(chosen.getTime())) {
      setProblem('Enter a date and a time.');
      return;
    }
    if (chosen.getTime() > now()) {
      setProblem(
        'That moment is in the future: choose a past moment, or Now for the current state.',
      );
      return;
    }
    setProblem(undefined);
    pending.current = {
      at: chosen,
      timer: setTimeout(commitPending, AS_OF_SETTLE_MS),
    };
  };

  return (
    <div className={classes.root}>
      <TextField
        id="stewardship-slo-as-of"
        label="As of (your local time)"
        type="datetime-local"
        value={text}
        onChange={e => handleChange(e.target as HTMLInputElement)}
        onBlur={e => {
          // Left half-typed, or cleared after being half-typed: neither need have fired a change
          // (the value stayed ''), so the input is read again as it is left.
          const target = e.target as HTMLInputElement;
          if (
            incompleteEntryProblem(target) ||
            problem === INCOMPLETE_DATE_TIME
          ) {
            handleChange(target);
          }
          commitPending();
        }}
        onKeyDown={e => {
          if (e.key === 'Enter') commitPending();
        }}
        error={Boolean(problem)}
        helperText={
          problem ??
          (at
            ? `Showing the state as of ${formatInstant(at)}`
            : 'Showing the current state')
        }
        InputLabelProps={{ shrink: true }}
        inputProps={{ max: toLocalInputValue(new Date(now())) }}
        inputRef={input}
        variant="outlined"
        size="small"
      />
      <Button
        variant="outlined"
        disabled={!at && !problem && !urlRefused}
        onClick={() => {
          cancelPending();
          setProblem(undefined);
          setText('');
          // A half-typed entry already reads as '', so React would leave it on screen.
          if (input.current) input.current.value = '';
          onChange(undefined);
          input.current?.focus();
        }}
      >
        Now
      </Button>
      {at && (
        <Typography variant="body2" color="textSecondary">
          Share this page's address to show others the same moment.
        </Typography>
      )}
    </div>
  );
}
