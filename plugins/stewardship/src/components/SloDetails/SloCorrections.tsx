import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  SloCorrection,
  SloDefinition,
  stewardshipSloUpdatePermission,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useEffect, useRef, useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { formatInstant } from '../formatSlo';
import { errorMessage } from '../responseErrors';
import { CorrectionDialog } from './CorrectionDialog';
import { useVisuallyHidden } from './useVisuallyHidden';
import { correctionPeriodText, scheduleText } from './describeCounting';
import { BusyButton } from '../BusyButton';
import { ConfirmDialog } from '../ConfirmDialog';
import { ActorName } from '../OwnerLink/ActorName';
import { headingProps } from './headingProps';
import { sloName } from './sloName';
import { ChangeAnnouncement } from '../ChangeAnnouncement';
import { useSaid, useSayAfterDialog } from '../useSaid';

/** What the card's status line says once a correction is added or removed. */
const saidAfterCorrection = {
  added: (correction: SloCorrection) =>
    `Correction added: ${correctionPeriodText(correction)}, “${
      correction.reason
    }”. It applies from the next evaluation on.`,
  removed: (correction: SloCorrection) =>
    `Correction removed: ${correctionPeriodText(correction)}, “${
      correction.reason
    }”. Its time counts again from the next evaluation on.`,
};

/**
 * What time an SLO counts: its business-hours schedule, if any, and its corrections (periods it
 * leaves out), which the owners add and remove here. The backend checks the permission again.
 */
export function SloCorrections(props: {
  slo: SloDefinition;
  corrections: SloCorrection[];
  onChange(corrections: SloCorrection[]): void;
  /** The level of the card's title. Default 4. */
  headingLevel?: number;
  /** The title of the SLO's entity, for the table and Add correction to name it too. */
  entityTitle?: string;
}) {
  const { slo, corrections, onChange, headingLevel = 4, entityTitle } = props;
  const name = sloName(slo, entityTitle);
  const api = useApi(stewardshipApiRef);
  const hidden = useVisuallyHidden();
  const { allowed, loading: asking } = usePermission({
    permission: stewardshipSloUpdatePermission,
    resourceRef: slo.entityRef,
  });
  // Said once the policy has answered no, so a viewer knows why there is no button.
  const denied = !asking && !allowed;
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [changed, setChanged] = useState(false);
  // The Alert below appears while the dialog is still open, when MUI hides the rest of the page
  // from screen readers: unheard. The change is said on the status line once the dialog is gone.
  const { said, say } = useSaid();
  const afterDialog = useSayAfterDialog(say);
  // The correction asked about; kept while the dialog fades out, so its text does not empty.
  const [removing, setRemoving] = useState<{
    correction: SloCorrection;
    open: boolean;
  }>();
  const closeRemoval = () =>
    setRemoving(asked => asked && { ...asked, open: false });
  // A removed correction's row goes, and its Remove button with it: focus, which the closing
  // dialog hands back to that button, goes to Add correction instead (after the dialog's own
  // hand-back, which runs as the row leaves).
  const addButton = useRef<HTMLButtonElement>(null);
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (!refocus) return;
    setRefocus(false);
    addButton.current?.focus();
  }, [refocus]);

  const remove = async (correction: SloCorrection) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.deleteSloCorrection(slo.id, correction.id);
      onChange(corrections.filter(c => c.id !== correction.id));
      setChanged(true);
      afterDialog.later(saidAfterCorrection.removed(correction));
      setRefocus(true);
    } catch (e) {
      const failed = `Could not remove the correction: ${errorMessage(e)}`;
      setError(failed);
      // Its alert, too, appears while the dialog hides the page.
      afterDialog.later(failed);
    } finally {
      setBusy(false);
      closeRemoval();
    }
  };

  return (
    <InfoCard
      title="Counted time and corrections"
      titleTypographyProps={headingProps(headingLevel)}
    >
      <Typography variant="body2" gutterBottom>
        {slo.schedule
          ? `Business hours: this SLO counts only ${scheduleText(
              slo.schedule,
            )}; events outside that schedule are not counted and burn no budget.`
          : 'Every minute of the window counts, except the corrections below.'}
      </Typography>
      <ChangeAnnouncement said={said} />
      {error && (
        <Box mb={1}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
      {changed && (
        <Box mb={1}>
          <Alert severity="info">
            Corrections apply from the next evaluation on; the figures above
            were computed before this change.
          </Alert>
        </Box>
      )}
      {corrections.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {allowed
            ? 'No corrections. Add one for planned maintenance or a known-bad period that should not burn the error budget: its events are then not counted at all.'
            : 'No corrections.'}
        </Typography>
      ) : (
        <Table size="small" aria-label={`Corrections of ${name}`}>
          <TableHead>
            <TableRow>
              <TableCell>Excluded period</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Added</TableCell>
              {allowed && (
                <TableCell>
                  <span className={hidden.root}>Actions</span>
                </TableCell>
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {corrections.map(correction => (
              <TableRow key={correction.id}>
                <TableCell>{correctionPeriodText(correction)}</TableCell>
                <TableCell>{correction.reason}</TableCell>
                <TableCell>
                  by <ActorName actor={correction.author} /> on{' '}
                  {formatInstant(correction.createdAt)}
                </TableCell>
                {allowed && (
                  <TableCell>
                    <BusyButton
                      size="small"
                      busy={busy}
                      onClick={() => setRemoving({ correction, open: true })}
                      aria-label={`Remove the correction ${correction.reason}`}
                    >
                      Remove
                    </BusyButton>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {denied && (
        <Typography variant="body2" color="textSecondary">
          Only people the permission policy allows to change this SLO can add or
          remove corrections. Ask the owners of this entity or your Backstage
          admins.
        </Typography>
      )}
      {allowed && (
        <Box mt={1}>
          <Button
            ref={addButton}
            variant="outlined"
            size="small"
            onClick={() => setAdding(true)}
            // Beside other entities' SLOs of that name, it says which it adds to (its text first).
            aria-label={
              entityTitle === undefined
                ? undefined
                : `Add correction to ${name}`
            }
          >
            Add correction
          </Button>
        </Box>
      )}
      <ConfirmDialog
        open={removing?.open ?? false}
        id="slo-correction-remove"
        title={`Remove the correction ${removing?.correction.reason ?? ''}?`}
        description={`The time it leaves out (${
          removing ? correctionPeriodText(removing.correction) : ''
        }) counts again from the next evaluation on: what failed in it burns the error budget. Adding it back takes its period and reason again.`}
        onExited={afterDialog.exited}
        confirmLabel="Remove"
        busy={busy}
        onConfirm={() => removing && remove(removing.correction)}
        onCancel={closeRemoval}
      />
      <CorrectionDialog
        open={adding}
        slo={slo}
        entityTitle={entityTitle}
        onClose={() => setAdding(false)}
        onAdded={correction => {
          setAdding(false);
          setChanged(true);
          afterDialog.later(saidAfterCorrection.added(correction));
          onChange([...corrections, correction]);
        }}
        onExited={afterDialog.exited}
      />
    </InfoCard>
  );
}
