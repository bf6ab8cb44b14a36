import { RoleEvaluation } from '@stewardship/backstage-plugin-stewardship-common';
import { earliestMoment } from '../lib/earliestMoment';

/**
 * Until when an entity's ownership of now stays true by time alone: the earliest end of an
 * exemption in force (the role then takes the status the catalog gives it) or of a current
 * confirmation (it then turns stale). Everything else that changes it is a catalog change or a
 * stored write. Undefined when no role has either.
 */
export function ownershipValidUntil(
  roles: readonly RoleEvaluation[],
): string | undefined {
  const ends = roles.flatMap(role => [
    ...(role.status === 'exempt' && role.exemption
      ? [Date.parse(role.exemption.expiresAt)]
      : []),
    ...(role.attestation?.state === 'current' && role.attestation.expiresAt
      ? [Date.parse(role.attestation.expiresAt)]
      : []),
  ]);
  return earliestMoment(ends);
}
