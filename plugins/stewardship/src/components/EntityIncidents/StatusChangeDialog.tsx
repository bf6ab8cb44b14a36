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
import { toLocalInputValue } from '../formatSlo';
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
 * Moves an incident to `status` at a moment the user picks (default now, in local time), with an
 * optional note for the timeline. A 400 (e.g. the moment before an earlier one) shows on the time
 * field; a 409 says someone else changed the incident and offers to reload it.
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
  const atInput = useRef<HTMLInputElement>(null);
  const fieldsRoot = useFocusFirstInvalid<HTMLDivElement>(write.fields);
  const [note, setNote] = useState('');
  const transition = TRANSITIONS.find(t => t.status === status);
  const verb = transition?.verb ?? '';

  useEffect(() => {
    if (status) {
      setHasChanged(false);
      setAt(toLocalInputValue(new Date()));
      setNote('');
      reset();
    }
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
