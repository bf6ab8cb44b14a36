import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  DEFAULT_EXEMPTION_MAX_DURATION_MS,
  OWNERSHIP_ROLE_TITLES,
  OwnershipRole,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useEffect, useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { errorMessage, fieldNamedIn } from '../SloEditor/responseErrors';

/** The form's fields a 400 message can name. */
const FIELDS = ['reason', 'expiresAt'] as const;
type Field = (typeof FIELDS)[number];

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** A date input's value (local calendar date) `days` from now. */
export function dateInDays(days: number, now = new Date()): string {
  const d = new Date(now.getTime() + days * DAY);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Asks for a reason and an end date, and grants the exemption. The date picker stops at the
 * default maximum (180 days); the backend enforces the configured one and names it if exceeded.
 */
export function ExemptionDialog(props: {
  open: boolean;
  entityRef: string;
  role: OwnershipRole;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { open, entityRef, role, onClose, onCreated } = props;
  const api = useApi(stewardshipApiRef);
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(() => dateInDays(30));
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<{ field?: Field; message: string }>();
  const maxDays = Math.floor(DEFAULT_EXEMPTION_MAX_DURATION_MS / DAY);
  const title = OWNERSHIP_ROLE_TITLES[role].toLocaleLowerCase('en-US');

  useEffect(() => {
    if (open) {
      setReason('');
      setDate(dateInDays(30));
      setErrors(undefined);
    }
  }, [open]);

  const submit = async () => {
    if (!reason.trim()) {
      setErrors({
        field: 'reason',
        message: `Say why the ${title} may be missing for now.`,
      });
      return;
    }
    // A date value has no time: `new Date('YYYY-MM-DDT00:00')` is the start of that local day.
    const expiresAt = new Date(`${date}T00:00`);
    if (Number.isNaN(expiresAt.getTime())) {
      setErrors({ field: 'expiresAt', message: 'Give the date it ends.' });
      return;
    }
    setSaving(true);
    try {
      await api.createOwnershipExemption(entityRef, {
        role,
        reason,
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
    <Dialog open={open} onClose={onClose} aria-labelledby="exemption-title">
      <DialogTitle id="exemption-title">
        Grant an exemption for the {title}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          Until it ends, the role counts as met and shows as exempt, with your
          name and the reason. Then it is what the catalog says again.
        </DialogContentText>
        {errors && !errors.field && (
          <Alert severity="error">{errors.message}</Alert>
        )}
        <TextField
          id="ownership-exemption-reason"
          label="Reason"
          required
          multiline
          minRows={2}
          fullWidth
          margin="normal"
          value={reason}
          onChange={e => setReason(e.target.value)}
          error={errors?.field === 'reason'}
          helperText={
            errors?.field === 'reason'
              ? errors.message
              : 'Why the role may go unmet for now'
          }
          inputProps={{ maxLength: 2000 }}
        />
        <TextField
          id="ownership-exemption-expires"
          label="Ends on"
          type="date"
          required
          fullWidth
          margin="normal"
          value={date}
          onChange={e => setDate(e.target.value)}
          InputLabelProps={{ shrink: true }}
          inputProps={{ min: dateInDays(1), max: dateInDays(maxDays) }}
          error={errors?.field === 'expiresAt'}
          helperText={
            errors?.field === 'expiresAt'
              ? errors.message
              : `At the start of that day, your time; at most ${maxDays} days from now unless configured otherwise`
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
          Grant exemption
        </Button>
      </DialogActions>
    </Dialog>
  );
}
