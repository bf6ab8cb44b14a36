import { useApi } from '@backstage/core-plugin-api';
import {
  DEFAULT_EXEMPTION_MAX_DURATION_MS,
  OWNERSHIP_ROLE_TITLES,
  OwnershipRole,
} from '@stewardship/backstage-plugin-stewardship-common';
import { stewardshipApiRef } from '../../api';
import { GrantDialog, dateInDays } from '../GrantDialog';

const MAX_DAYS = Math.floor(DEFAULT_EXEMPTION_MAX_DURATION_MS / 86_400_000);

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
  const { entityRef, role } = props;
  const api = useApi(stewardshipApiRef);
  const title = OWNERSHIP_ROLE_TITLES[role].toLocaleLowerCase('en-US');
  return (
    <GrantDialog
      open={props.open}
      onClose={props.onClose}
      onCreated={props.onCreated}
      id="ownership-exemption"
      title={`Grant an exemption for the ${title}`}
      description="Until it ends, the role counts as met and shows as exempt, with your name and the reason. Then it is what the catalog says again."
      reason={{
        name: 'reason',
        label: 'Reason',
        hint: 'Why the role may go unmet for now',
        missing: `Say why the ${title} may be missing for now.`,
      }}
      expiry={{
        type: 'date',
        label: 'Ends on',
        hint: `At the start of that day, your time; at most ${MAX_DAYS} days from now unless configured otherwise`,
        missing: 'Give the date it ends.',
        past: 'The exemption must end after today: pick a later day.',
        initial: () => dateInDays(30),
        min: dateInDays(1),
        max: dateInDays(MAX_DAYS),
      }}
      discardTitle="Discard this exemption?"
      submitLabel="Grant exemption"
      grant={async (reason, expiresAt) => {
        await api.createOwnershipExemption(entityRef, {
          role,
          reason,
          expiresAt: expiresAt.toISOString(),
        });
      }}
    />
  );
}
