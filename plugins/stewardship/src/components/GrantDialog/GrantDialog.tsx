import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useEffect, useRef, useState } from 'react';
import { BusyButton } from '../BusyButton';
import { errorMessage, fieldNamedIn } from '../responseErrors';
import { focusFirstControl, useFocusFirstInvalid } from '../focusFirstControl';
import { useFocusRing } from '../focusRing';
import { incompleteEntryProblem } from '../incompleteEntries';
import { useDiscardConfirmation } from '../useDiscardConfirmation';

const pad = (n: number) => String(n).padStart(2, '0');

/** A `date` input's value (local calendar date) `days` from `now`. */
export function dateInDays(days: number, now = new Date()): string {
  const d = new Date(now.getTime() + days * 86_400_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The instant an expiry input's value names, read in the browser's time zone. */
function expiryInstant(type: 'date' | 'datetime-local', value: string): Date {
  // Neither value has an offset, so `new Date` reads both as local time; a date alone means the
  // start of that local day.
  return new Date(type === 'date' ? `${value}T00:00` : value);
}

/** The form's free-text reason: the request field it is sent as, and its words. */
export interface GrantReasonField {
  /** The request field, as a 400 from the backend names it (`reason`, `justification`). */
  name: string;
  label: string;
  hint: string;
  /** Shown when the field is left empty. */
  missing: string;
}

/** The form's end: a date (start of that local day) or a local date and time. */
export interface GrantExpiryField {
  type: 'date' | 'datetime-local';
  label: string;
  hint: string;
  /** Shown when the value is not a date. */
  missing: string;
  /** Shown when the end is not in the future (every grant must end in the future). */
  past: string;
  /** The value the form opens with. */
  initial: () => string;
  min?: string;
  max?: string;
}

/**
 * The dialog behind every time-bound grant (an ownership exemption, a release-gate override):
 * a reason and an end in the future, checked before sending, and the backend's 400 shown on the field it names
 * (or above the form when it names none). The form starts over each time the dialog opens.
 * Escape, a click beside it and Cancel close an untouched form at once, and ask before discarding
 * a changed one.
 */
export function GrantDialog(props: {
  open: boolean;
  /** Prefix of the form's element ids. */
  id: string;
  title: ReactNode;
  description: ReactNode;
  reason: GrantReasonField;
  expiry: GrantExpiryField;
  submitLabel: string;
  /** Asked before a changed form is closed unsent: "Discard this exemption?". */
  discardTitle?: string;
  /** Sends the grant; throws (a ResponseError or other) when it was not accepted. */
  grant: (reason: string, expiresAt: Date) => Promise<void>;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { open, id, reason: reasonField, expiry: expiryField } = props;
  const focusRing = useFocusRing();
  const fields = [reasonField.name, 'expiresAt'] as const;
  const [reason, setReason] = useState('');
  // The end the form opened with: one left as it was is no change to ask about.
  const [openedExpiry, setOpenedExpiry] = useState(expiryField.initial);
  const [expiry, setExpiry] = useState(openedExpiry);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<{ field?: string; message: string }>();
  const expiryInput = useRef<HTMLInputElement>(null);
  const fieldsRoot = useFocusFirstInvalid<HTMLDivElement>(errors);

  useEffect(() => {
    if (open) {
      setReason('');
      const initial = expiryField.initial();
      setOpenedExpiry(initial);
      setExpiry(initial);
      setErrors(undefined);
    }
    // Only opening resets the form: the field descriptions are rebuilt on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const discard = useDiscardConfirmation({
    open,
    // A half-typed end reads as '' but is something typed.
    changed: () =>
      reason !== '' ||
      expiry !== openedExpiry ||
      Boolean(incompleteEntryProblem(expiryInput.current)),
    busy: saving,
    onClose: props.onClose,
    id: `${id}-discard`,
    title: props.discardTitle ?? 'Discard what you typed?',
  });

  const submit = async () => {
    if (!reason.trim()) {
      setErrors({ field: reasonField.name, message: reasonField.missing });
      return;
    }
    // A half-typed end reads as '': said as such rather than as a missing one.
    const incomplete = incompleteEntryProblem(expiryInput.current);
    if (incomplete) {
      setErrors({ field: 'expiresAt', message: incomplete });
      return;
    }
    const expiresAt = expiryInstant(expiryField.type, expiry);
    if (Number.isNaN(expiresAt.getTime())) {
      setErrors({ field: 'expiresAt', message: expiryField.missing });
      return;
    }
    if (!(expiresAt.getTime() > Date.now())) {
      setErrors({ field: 'expiresAt', message: expiryField.past });
      return;
    }
    setSaving(true);
    try {
      await props.grant(reason, expiresAt);
      props.onCreated();
    } catch (e) {
      const message = errorMessage(e);
      setErrors({ field: fieldNamedIn(message, fields), message });
    } finally {
      setSaving(false);
    }
  };

  const problem = (field: string) =>
    errors?.field === field ? errors.message : undefined;

  return (
    <>
      {/* Before the form's dialog, for focus on Discard: see useDiscardConfirmation. */}
      {discard.confirmation}
      <Dialog
        {...focusFirstControl}
        open={open}
        // Outside the tab's markup (a portal): its own focus ring.
        PaperProps={{ className: focusRing }}
        // Not while it is sent (Cancel is disabled then), and on a changed form only once confirmed.
        onClose={discard.requestClose}
        aria-labelledby={`${id}-title`}
      >
        <DialogTitle id={`${id}-title`}>{props.title}</DialogTitle>
        <DialogContent ref={fieldsRoot}>
          <DialogContentText>{props.description}</DialogContentText>
          {errors && !errors.field && (
            <Alert severity="error">{errors.message}</Alert>
          )}
          <TextField
            variant="outlined"
            id={`${id}-${reasonField.name}`}
            label={reasonField.label}
            required
            multiline
            minRows={2}
            fullWidth
            margin="dense"
            value={reason}
            onChange={e => setReason(e.target.value)}
            error={Boolean(problem(reasonField.name))}
            helperText={problem(reasonField.name) ?? reasonField.hint}
            inputProps={{ maxLength: 2000 }}
          />
          <TextField
            variant="outlined"
            id={`${id}-expires`}
            label={expiryField.label}
            type={expiryField.type}
            required
            fullWidth
            margin="dense"
            value={expiry}
            onChange={e => setExpiry(e.target.value)}
            inputRef={expiryInput}
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: expiryField.min, max: expiryField.max }}
            error={Boolean(problem('expiresAt'))}
            helperText={problem('expiresAt') ?? expiryField.hint}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={discard.requestClose} disabled={saving}>
            Cancel
          </Button>
          {/* Busy, not disabled, while the grant is sent: it keeps focus. */}
          <BusyButton
            color="primary"
            variant="contained"
            onClick={submit}
            busy={saving}
          >
            {props.submitLabel}
          </BusyButton>
        </DialogActions>
      </Dialog>
    </>
  );
}
