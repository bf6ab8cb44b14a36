import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  entityRefKey,
  OWNERSHIP_ROLE_TITLES,
  RoleEvaluation,
  stewardshipAttestationCreatePermission,
  stewardshipExemptionCreatePermission,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stewardshipApiRef } from '../../api';
import { errorMessage } from '../responseErrors';
import { ExemptionDialog } from './ExemptionDialog';
import { attestationText, exemptionText } from './roleGovernanceText';

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
}) {
  const { entityRef, evaluation, onChange } = props;
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
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const title =
    OWNERSHIP_ROLE_TITLES[evaluation.role].toLocaleLowerCase('en-US');

  const holder = evaluation.owner && entityRefKey(evaluation.owner.entityRef);
  const holdsRole =
    holder !== undefined &&
    (identity?.ownershipEntityRefs ?? []).some(
      ref => entityRefKey(ref) === holder,
    );
  const canConfirm =
    evaluation.status === 'ok' && (holdsRole || attest.allowed);

  const act = async (what: string, action: () => Promise<unknown>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await action();
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
      {exemption && (
        <Typography variant="body2" paragraph>
          {exemption}
        </Typography>
      )}
      {evaluation.attestation && evaluation.status === 'ok' && (
        <Typography variant="body2" paragraph>
          {attestationText(evaluation.attestation)}
        </Typography>
      )}
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        {canConfirm && (
          <Button
            variant="outlined"
            size="small"
            disabled={busy}
            onClick={() =>
              act('confirm the owner', () =>
                api.attestOwnershipRole(entityRef, evaluation.role),
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
          </Button>
        )}
        {exempt.allowed &&
          evaluation.status !== 'ok' &&
          evaluation.status !== 'exempt' && (
            <Button
              variant="outlined"
              size="small"
              disabled={busy}
              onClick={() => setGranting(true)}
              aria-label={`Grant exemption for the ${title}`}
            >
              Grant exemption
            </Button>
          )}
        {exempt.allowed && evaluation.exemption && (
          <Button
            variant="outlined"
            size="small"
            disabled={busy}
            onClick={() =>
              act('remove the exemption', () =>
                api.deleteOwnershipExemption(
                  entityRef,
                  evaluation.exemption!.id,
                ),
              )
            }
            aria-label={`Remove exemption for the ${title}`}
          >
            Remove exemption
          </Button>
        )}
      </Box>
      {message && (
        <Typography variant="body2" color="error" role="alert">
          {message}
        </Typography>
      )}
      <ExemptionDialog
        open={granting}
        entityRef={entityRef}
        role={evaluation.role}
        onClose={() => setGranting(false)}
        onCreated={() => {
          setGranting(false);
          onChange();
        }}
      />
    </Box>
  );
}
