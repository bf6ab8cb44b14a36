import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { errorMessage, fieldNamedIn } from '../SloEditor/responseErrors';

/** The form's fields a 400 message can name. */
const FIELDS = ['justification', 'expiresAt'] as const;
type Field = (typeof FIELDS)[number];

const pad = (n: number) => String(n).padStart(2, '0');

/** A datetime-local value (local time, to the minute) a day from now. */
function inADay(now = new Date()): string {
  const d = new Date(now.getTime() + 86_400_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(
    d.getHours(),
  )}:${pad(d.getMinutes())}`;
}

/** Asks for a justification and an expiry, and records the override. */
export function OverrideDialog(props: {
  open: boolean;
  entityRef: string;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { open, entityRef, onClose, onCreated } = props;
  const api = useApi(stewardshipApiRef);
  const [justification, setJustification] = useState('');
  const [expires, setExpires] = useState(inADay);
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<{ field?: Field; message: string }>();

  useEffect(() => {
    if (open) {
      setJustification('');
      setExpires(inADay());
      setErrors(undefined);
    }
  }, [open]);

  const submit = async () => {
    // A datetime-local value has no offset: `new Date` reads it as local time.
    const expiresAt = new Date(expires);
    if (!justification.trim()) {
      setErrors({
        field: 'justification',
        message: 'Say why the release may go ahead.',
      });
      return;
    }
    if (Number.isNaN(expiresAt.getTime())) {
      setErrors({
        field: 'expiresAt',
        message: 'Give the date and time the override ends.',
      });
      return;
    }
    setSaving(true);
    try {
      await api.createReleaseGateOverride(entityRef, {
        justification,
        expiresAt: expiresAt.toISOString(),
      });
      onCreated();
    } catch (e) {
      const message = errorMessage(e);
      setErrors({ field: fieldNamedIn(message, FIELDS), message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="override-title">
      <DialogTitle id="override-title">Override the release gate</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Until it expires, the gate answers warn instead of block. The reasons
          stay visible, and the override is recorded with your name.
        </DialogContentText>
        {errors && !errors.field && (
          <Alert severity="error">{errors.message}</Alert>
        )}
        <TextField
          id="release-gate-override-justification"
          label="Justification"
          required
          multiline
          minRows={2}
          fullWidth
          margin="normal"
          value={justification}
          onChange={e => setJustification(e.target.value)}
          error={errors?.field === 'justification'}
          helperText={
            errors?.field === 'justification'
              ? errors.message
              : 'Why this release may go ahead while the budget is spent'
          }
          inputProps={{ maxLength: 2000 }}
        />
        <TextField
          id="release-gate-override-expires"
          label="Expires"
          type="datetime-local"
          required
          fullWidth
          margin="normal"
          value={expires}
          onChange={e => setExpires(e.target.value)}
          InputLabelProps={{ shrink: true }}
          error={errors?.field === 'expiresAt'}
          helperText={
            errors?.field === 'expiresAt'
              ? errors.message
              : 'Your local time; at most the configured maximum (7 days by default) from now'
          }
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={saving}
        >
          Override
        </Button>
      </DialogActions>
    </Dialog>
  );
}
