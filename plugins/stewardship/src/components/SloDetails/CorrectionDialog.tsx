import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  SloCorrection,
  SloCorrectionSpec,
  SloDefinition,
  Weekday,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useLayoutEffect, useState } from 'react';
import { BusyButton } from '../BusyButton';
import { stewardshipApiRef } from '../../api';
import { WEEKDAYS } from '../SloEditor/sloForm';
import { WeekdayFields } from '../SloEditor/WeekdayFields';
import { errorMessage } from '../responseErrors';
import { focusFirstControl, useFocusFirstInvalid } from '../focusFirstControl';
import { useFocusRing } from '../focusRing';
import { useIncompleteEntries } from '../incompleteEntries';
import { formChanged, useDiscardConfirmation } from '../useDiscardConfirmation';
import { sloName } from './sloName';

function browserTimeZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The form's state: one-off times as `datetime-local` values in the browser's zone. */
interface CorrectionForm {
  kind: 'once' | 'weekly';
  reason: string;
  start: string;
  end: string;
  days: Weekday[];
  from: string;
  to: string;
  timeZone: string;
}

/**
 * The form as each opening starts it: a one-off correction, nothing typed; switched to weekly,
 * Sundays 02:00–04:00 in the browser's zone.
 */
function newForm(): CorrectionForm {
  return {
    kind: 'once',
    reason: '',
    start: '',
    end: '',
    days: ['sun'],
    from: '02:00',
    to: '04:00',
    timeZone: browserTimeZone(),
  };
}

/** The correction the form describes; one-off times become ISO instants. */
export function toCorrectionSpec(form: CorrectionForm): SloCorrectionSpec {
  if (form.kind === 'once') {
    return {
      reason: form.reason.trim(),
      once: {
        start: new Date(form.start).toISOString(),
        end: new Date(form.end).toISOString(),
      },
    };
  }
  return {
    reason: form.reason.trim(),
    weekly: {
      days: WEEKDAYS.map(w => w.day).filter(d => form.days.includes(d)),
      from: form.from,
      to: form.to,
      timeZone: form.timeZone.trim(),
    },
  };
}

/** Problems the form can see before sending, by field. */
export function correctionFormProblems(
  form: CorrectionForm,
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!form.reason.trim())
    problems.reason = 'Required: why this does not count';
  if (form.kind === 'once') {
    const start = Date.parse(form.start);
    const end = Date.parse(form.end);
    if (Number.isNaN(start)) problems.start = 'Required';
    if (Number.isNaN(end)) problems.end = 'Required';
    else if (!Number.isNaN(start) && end <= start) {
      problems.end = 'Must be after the start';
    }
  } else {
    if (form.days.length === 0) problems.days = 'Pick at least one day';
    if (!form.timeZone.trim())
      problems.timeZone = 'Required, e.g. Europe/Berlin';
  }
  return problems;
}

/**
 * Adds a correction to an SLO: one-off (start and end) or weekly (days, times, time zone).
 * Escape, a click beside it and Cancel close an untouched form at once, and ask before discarding
 * a changed one.
 */
export function CorrectionDialog(props: {
  open: boolean;
  slo: SloDefinition;
  /** The title of the SLO's entity, for the dialog's title to name it too. */
  entityTitle?: string;
  onClose(): void;
  onAdded(correction: SloCorrection): void;
  /** Called when the dialog has closed and is gone from the page (its exit transition ended). */
  onExited?(): void;
}) {
  const { open, slo, entityTitle, onClose, onAdded } = props;
  const focusRing = useFocusRing();
  const api = useApi(stewardshipApiRef);
  const [form, setForm] = useState<CorrectionForm>(newForm);
  // The form as this opening started it: one put back as it was is no change to ask about.
  const [before, setBefore] = useState<CorrectionForm>(form);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  // This component stays mounted while the dialog is closed, and its state with it: each
  // opening starts afresh (as the plugin's other dialogs do), not with what was chosen, typed
  // or refused the last time, cancelled or added. Before the browser paints (React 17 paints an
  // effect's render first), so the old form and its refusal are never shown or announced.
  useLayoutEffect(() => {
    if (open) {
      const initial = newForm();
      setBefore(initial);
      setForm(initial);
      setProblems({});
      setFailure(undefined);
    }
  }, [open]);
  const [busy, setBusy] = useState(false);
  const incomplete = useIncompleteEntries<'start' | 'end'>();
  const fieldsRoot = useFocusFirstInvalid<HTMLDivElement>(problems);
  const discard = useDiscardConfirmation({
    open,
    // A half-typed Start or End reads as '' (as it opened) but is something typed.
    changed: () =>
      formChanged(before, form) ||
      Object.keys(incomplete.problems()).length > 0,
    busy,
    onClose,
    id: 'correction-discard',
    title: 'Discard this correction?',
  });
  const change = (patch: Partial<CorrectionForm>) =>
    setForm(previous => ({ ...previous, ...patch }));

  const submit = async () => {
    // A half-typed Start or End reads as '': said as such rather than as "Required".
    const local = { ...correctionFormProblems(form), ...incomplete.problems() };
    setProblems(local);
    setFailure(undefined);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      onAdded(await api.createSloCorrection(slo.id, toCorrectionSpec(form)));
    } catch (e) {
      // The backend's 400 names the field (e.g. weekly.timeZone): shown as it says it.
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const field = (
    key: 'reason' | 'start' | 'end' | 'from' | 'to' | 'timeZone',
    label: string,
    extra: { type?: string; hint?: string } = {},
  ) => (
    <TextField
      fullWidth
      margin="dense"
      variant="outlined"
      id={`correction-${key}`}
      label={label}
      type={extra.type}
      InputLabelProps={extra.type ? { shrink: true } : undefined}
      value={form[key]}
      error={!!problems[key]}
      helperText={problems[key] ?? extra.hint}
      onChange={e => change({ [key]: e.target.value })}
      inputRef={
        key === 'start' || key === 'end' ? incomplete.inputRef(key) : undefined
      }
    />
  );

  return (
    <>
      {/* Before the form's dialog, for focus on Discard: see useDiscardConfirmation. */}
      {discard.confirmation}
      <Dialog
        open={open}
        // Outside the tab's markup (a portal): its own focus ring.
        PaperProps={{ className: focusRing }}
        TransitionProps={{
          ...focusFirstControl.TransitionProps,
          onExited: props.onExited,
        }}
        // Not while it is sent (Cancel is disabled then), and on a changed form only once confirmed.
        onClose={discard.requestClose}
        maxWidth="sm"
        fullWidth
        aria-labelledby="correction-dialog-title"
      >
        <DialogTitle id="correction-dialog-title">
          Add a correction to {sloName(slo, entityTitle)}
        </DialogTitle>
        <DialogContent ref={fieldsRoot}>
          {failure && <Alert severity="error">{failure}</Alert>}
          {field('reason', 'Reason', {
            hint: 'e.g. Planned database maintenance',
          })}
          <FormControl component="fieldset" margin="dense">
            <FormLabel component="legend">When</FormLabel>
            <RadioGroup
              row
              value={form.kind}
              onChange={e =>
                change({ kind: e.target.value as CorrectionForm['kind'] })
              }
            >
              <FormControlLabel
                value="once"
                control={<Radio color="primary" />}
                label="Once"
              />
              <FormControlLabel
                value="weekly"
                control={<Radio color="primary" />}
                label="Every week"
              />
            </RadioGroup>
          </FormControl>
          {form.kind === 'once' ? (
            <>
              {field('start', 'Start (your local time)', {
                type: 'datetime-local',
              })}
              {field('end', 'End (your local time)', {
                type: 'datetime-local',
              })}
            </>
          ) : (
            <>
              <WeekdayFields
                days={form.days}
                error={problems.days}
                errorId="correction-days-error"
                onChange={days => change({ days })}
              />
              {field('from', 'From (local time)', {
                hint: 'HH:mm, e.g. 02:00',
              })}
              {field('to', 'To (local time)', {
                hint: 'HH:mm; before "from" ends the next day',
              })}
              {field('timeZone', 'Time zone', {
                hint: 'IANA, e.g. Europe/Berlin',
              })}
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={discard.requestClose} disabled={busy}>
            Cancel
          </Button>
          {/* Busy, not disabled, while the correction is sent: it keeps focus. */}
          <BusyButton
            color="primary"
            variant="contained"
            onClick={submit}
            busy={busy}
          >
            Add correction
          </BusyButton>
        </DialogActions>
      </Dialog>
    </>
  );
}
