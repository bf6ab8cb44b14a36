import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  entityRefKey,
  OWNERSHIP_ROLE_TITLES,
  RoleEvaluation,
  stewardshipAttestationCreatePermission,
  stewardshipExemptionCreatePermission,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useEffect, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stewardshipApiRef } from '../../api';
import { errorMessage } from '../responseErrors';
import { ConfirmDialog } from '../ConfirmDialog';
import { ExemptionDialog } from './ExemptionDialog';
import { attestationText, exemptionText } from './roleGovernanceText';
import { BusyButton } from '../BusyButton';
import { ChangeAnnouncement } from '../ChangeAnnouncement';
import { Said } from '../useSayAfterChange';

/**
 * A role's exemption and attestation, in words, with what the viewer may do about them: grant or
 * remove an exemption (`stewardship.exemption.create`), and confirm the owner (the role's holder,
 * or anyone with `stewardship.attestation.create`). Buttons the viewer may not use are not shown;
 * the backend checks again.
 */
export function RoleGovernance(props: {
  entityRef: string;
  evaluation: RoleEvaluation;
  onChange: () => void;
  /**
   * The id of the role card's heading (focusable from script): where focus goes when the role,
   * read again, offers no button and no sentence to focus.
   */
  headingId?: string;
}) {
  const { entityRef, evaluation, onChange, headingId } = props;
  const api = useApi(stewardshipApiRef);
  const identityApi = useApi(identityApiRef);
  const exempt = usePermission({
    permission: stewardshipExemptionCreatePermission,
    resourceRef: entityRef,
  });
  const attest = usePermission({
    permission: stewardshipAttestationCreatePermission,
    resourceRef: entityRef,
  });
  const { value: identity } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const [granting, setGranting] = useState(false);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  // After a grant or a removal the role is read again, and the button that was used is replaced
  // (Grant by Remove, or back): focus, left on nothing, goes to the exemption's sentence or to
  // the first button left, so a keyboard user stays on this role. A render after the re-read's:
  // MUI's ButtonBase throws when the keyboard focuses it in the commit that mounts it.
  // Nothing there (the role, read again, offers no button and no sentence to focus): the role
  // card's heading takes it.
  const [changed, setChanged] = useState(false);
  const [refocus, setRefocus] = useState(false);
  const exemptionRef = useRef<HTMLParagraphElement>(null);
  const attestationRef = useRef<HTMLParagraphElement>(null);
  const actionsRef = useRef<HTMLDivElement>(null);
  // A confirmation shows only as the sentence it changes, away from the button pressed (which
  // keeps focus): once the re-read is in, the status line says it too.
  const confirmed = useRef(false);
  const [said, setSaid] = useState<Said>({ text: '', n: 0 });
  const title =
    OWNERSHIP_ROLE_TITLES[evaluation.role].toLocaleLowerCase('en-US');
  useEffect(() => {
    if (!changed) return;
    setChanged(false);
    if (confirmed.current) {
      confirmed.current = false;
      const text =
        evaluation.status === 'ok' &&
        evaluation.attestation?.state === 'current'
          ? `The ${title}: ${attestationText(evaluation.attestation)}.`
          : `The ${title} was confirmed, but has changed since: see its status.`;
      setSaid(last => ({ text, n: last.n + 1 }));
    }
    if (!document.activeElement || document.activeElement === document.body) {
      setRefocus(true);
    }
    // Only a new evaluation (the re-read) counts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [evaluation]);
  useEffect(() => {
    if (!refocus) return;
    setRefocus(false);
    (
      exemptionRef.current ??
      actionsRef.current?.querySelector<HTMLElement>('button') ??
      attestationRef.current ??
      (headingId ? document.getElementById(headingId) : null)
    )?.focus();
  }, [refocus, headingId]);

  const holder = evaluation.owner && entityRefKey(evaluation.owner.entityRef);
  const holdsRole =
    holder !== undefined &&
    (identity?.ownershipEntityRefs ?? []).some(
      ref => entityRefKey(ref) === holder,
    );
  const grantable =
    evaluation.required &&
    evaluation.status !== 'ok' &&
    evaluation.status !== 'exempt';
  const canConfirm =
    evaluation.status === 'ok' && (holdsRole || attest.allowed);

  const act = async (
    what: string,
    action: () => Promise<unknown>,
    confirming = false,
  ) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await action();
      confirmed.current = confirming;
      setChanged(true);
      onChange();
    } catch (e) {
      setMessage(`Could not ${what}: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const exemption = exemptionText(evaluation);
  return (
    <Box mt={2}>
      <div>
        {exemption && (
          <Typography
            variant="body2"
            paragraph
            ref={exemptionRef}
            tabIndex={-1}
          >
            {exemption}
          </Typography>
        )}
        {evaluation.attestation && evaluation.status === 'ok' && (
          <Typography
            variant="body2"
            paragraph
            ref={attestationRef}
            tabIndex={-1}
          >
            {attestationText(evaluation.attestation)}
          </Typography>
        )}
        <div
          ref={actionsRef}
          style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
        >
          {canConfirm && (
            <BusyButton
              variant="outlined"
              size="small"
              busy={busy}
              onClick={() =>
                act(
                  'confirm the owner',
                  () => api.attestOwnershipRole(entityRef, evaluation.role),
                  true,
                )
              }
              aria-label={
                holdsRole
                  ? `Confirm I am still the owner: ${title}`
                  : `Confirm the ${title}`
              }
            >
              {holdsRole
                ? 'Confirm I am still the owner'
                : `Confirm the ${title}`}
            </BusyButton>
          )}
          {/* As the backend grants: a required role with a problem (the entity covered). */}
          {exempt.allowed && grantable && (
            <BusyButton
              variant="outlined"
              size="small"
              busy={busy}
              onClick={() => setGranting(true)}
              aria-label={`Grant exemption for the ${title}`}
            >
              Grant exemption
            </BusyButton>
          )}
          {exempt.allowed && evaluation.exemption && (
            <BusyButton
              variant="outlined"
              size="small"
              busy={busy}
              onClick={() => setConfirmingRemoval(true)}
              aria-label={`Remove exemption for the ${title}`}
            >
              Remove exemption
            </BusyButton>
          )}
        </div>
        {/* Once the policy has said no, and only where Grant or Remove would be. */}
        {!exempt.loading &&
          !exempt.allowed &&
          (grantable || evaluation.exemption) && (
            <Typography variant="body2">
              Only people the permission policy allows to manage ownership
              exemptions can grant or remove one. Ask the owners of this entity
              or your Backstage admins.
            </Typography>
          )}
        <ChangeAnnouncement said={said} />
        {message && (
          <Typography variant="body2" color="error" role="alert">
            {message}
          </Typography>
        )}
        <ConfirmDialog
          open={confirmingRemoval}
          id={`remove-exemption-${evaluation.role}`}
          title={`Remove the exemption for the ${title}?`}
          description={`The ${title} then counts as what the catalog says${
            evaluation.catalogStatus ? ` (${evaluation.catalogStatus})` : ''
          }, here and in the scorecard. A new exemption needs a reason again.`}
          confirmLabel="Remove"
          onCancel={() => setConfirmingRemoval(false)}
          onConfirm={() => {
            const { exemption: removed } = evaluation;
            setConfirmingRemoval(false);
            if (!removed) return;
            act('remove the exemption', () =>
              api.deleteOwnershipExemption(entityRef, removed.id),
            );
          }}
        />
        <ExemptionDialog
          open={granting}
          entityRef={entityRef}
          role={evaluation.role}
          onClose={() => setGranting(false)}
          onCreated={() => {
            setGranting(false);
            setChanged(true);
            onChange();
          }}
        />
      </div>
    </Box>
  );
}
