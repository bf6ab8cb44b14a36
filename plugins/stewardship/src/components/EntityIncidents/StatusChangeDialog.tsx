import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import {
  Incident,
  IncidentStatus,
  incidentStatusTimeField,
} from '@stewardship/backstage-plugin-stewardship-common';
import { RefObject, useEffect, useRef, useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { BusyButton } from '../BusyButton';
import { defaultStatusMoment, statusMomentProblem } from './incidentFormChecks';
import { useIncidentWrite } from './useIncidentWrite';
import { WriteProblems } from './WriteProblems';
import { focusFirstControl, useFocusFirstInvalid } from '../focusFirstControl';
import { useFocusRing } from '../focusRing';
import { incompleteEntryProblem } from '../incompleteEntries';

/** The verbs of the three forward transitions. */
export const TRANSITIONS: ReadonlyArray<{
  status: Exclude<IncidentStatus, 'triggered'>;
  verb: string;
  past: string;
}> = [
  { status: 'acknowledged', verb: 'Acknowledge', past: 'Acknowledged' },
  { status: 'mitigated', verb: 'Mark mitigated', past: 'Mitigated' },
  { status: 'resolved', verb: 'Resolve', past: 'Resolved' },
];

const useStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  // The title holds the incident's: one without a space would widen the dialog past the window.
  title: { overflowWrap: 'anywhere' },
}));

/**
 * Moves an incident to `status` at a moment the user picks (default now, in local time, or the
 * incident's latest moment when now to the minute would be before it), with an optional note for
 * the timeline. A moment in the future or before the incident's latest one is refused on the
 * field in local time before sending; a 400 the dialog did not foresee shows on the time field;
 * a 409 says someone else changed the incident and offers to reload it.
 */
export function StatusChangeDialog(props: {
  incident: Incident;
  status?: Exclude<IncidentStatus, 'triggered'>;
  onClose(): void;
  onChanged(incident: Incident): void;
  onReload(): void;
  /**
   * Where focus goes once a change has closed the dialog: the button that opened it goes with
   * the old status (a resolved incident has no "Resolve"), and focus would fall to the page.
   */
  focusAfterChange?: RefObject<HTMLElement>;
  /** Once the dialog has left the page (focus moved), whether it changed the incident or not. */
  onExited?(): void;
}) {
  const { incident, status, onClose, onChanged, onReload } = props;
  const focusRing = useFocusRing();
  const [hasChanged, setHasChanged] = useState(false);
  const classes = useStyles();
  const api = useApi(stewardshipApiRef);
  const field = status ? incidentStatusTimeField(status) : 'resolvedAt';
  const write = useIncidentWrite([field, 'note']);
  const { reset } = write;
  const [at, setAt] = useState('');
  // The field shows seconds when the moment proposed has them (see defaultStatusMoment).
  const [withSeconds, setWithSeconds] = useState(false);
  const atInput = useRef<HTMLInputElement>(null);
  const fieldsRoot = useFocusFirstInvalid<HTMLDivElement>(write.fields);
  const [note, setNote] = useState('');
  const transition = TRANSITIONS.find(t => t.status === status);
  const verb = transition?.verb ?? '';

  useEffect(() => {
    if (status) {
      setHasChanged(false);
      const proposed = defaultStatusMoment(incident, field, Date.now());
      setAt(proposed);
      setWithSeconds(proposed.length > 'YYYY-MM-DDTHH:mm'.length);
      setNote('');
      reset();
    }
    // Only when it opens: a re-read incident must not overwrite the moment being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status, reset]);

  const save = async () => {
    if (!status) return;
    // A half-typed moment reads as '': said as such rather than as a missing one.
    const incomplete = incompleteEntryProblem(atInput.current);
    if (incomplete) {
      write.refuse({ [field]: incomplete });
      return;
    }
    const ms = new Date(at).getTime();
    if (Number.isNaN(ms)) {
      write.refuse({ [field]: 'Pick a date and time' });
      return;
    }
    // What the backend would refuse, said here in local time rather than in its UTC words.
    const problem = statusMomentProblem(ms, field, incident, Date.now());
    if (problem) {
      write.refuse({ [field]: problem });
      return;
    }
    const changed = await write.run(() =>
      api.updateIncident(incident.id, {
        version: incident.version,
        status,
        [field]: new Date(ms).toISOString(),
        ...(note.trim() && { note: note.trim() }),
      }),
    );
    if (changed) {
      setHasChanged(true);
      onChanged(changed);
    }
  };

  return (
    <Dialog
      open={Boolean(status)}
      // Outside the tab's markup (a portal): its own focus ring.
      PaperProps={{ className: focusRing }}
      // Not while it is sent: Cancel is disabled then, and Escape or a click beside it too.
      onClose={write.busy ? undefined : onClose}
      disableRestoreFocus={hasChanged}
      TransitionProps={{
        ...focusFirstControl.TransitionProps,
        onExited: () => {
          if (hasChanged) props.focusAfterChange?.current?.focus();
          props.onExited?.();
        },
      }}
      aria-labelledby="incident-status-title"
      fullWidth
      maxWidth="xs"
    >
      <DialogTitle id="incident-status-title" className={classes.title}>
        {verb}: {incident.title}
      </DialogTitle>
      <DialogContent>
        <div ref={fieldsRoot} className={classes.form}>
          <WriteProblems
            state={write}
            onReload={() => {
              onReload();
              onClose();
            }}
          />
          <TextField
            variant="outlined"
            margin="dense"
            id="incident-status-at"
            type="datetime-local"
            label={`${transition?.past ?? ''} at (your local time)`}
            InputLabelProps={{ shrink: true }}
            value={at}
            onChange={e => setAt(e.target.value)}
            inputRef={atInput}
            inputProps={withSeconds ? { step: 1 } : undefined}
            error={Boolean(write.fields[field])}
            helperText={write.fields[field]}
          />
          <TextField
            variant="outlined"
            margin="dense"
            id="incident-status-note"
            label="Note (optional)"
            multiline
            minRows={2}
            value={note}
            onChange={e => setNote(e.target.value)}
            error={Boolean(write.fields.note)}
            helperText={write.fields.note}
          />
        </div>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={write.busy}>
          Cancel
        </Button>
        {/* Busy, not disabled, while the change is sent: it keeps focus. */}
        <BusyButton
          color="primary"
          variant="contained"
          busy={write.busy}
          onClick={save}
        >
          {verb}
        </BusyButton>
      </DialogActions>
    </Dialog>
  );
}
