import {
  EntityOwnership,
  OWNERSHIP_ROLE_TITLES,
  RoleEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { actorName } from './roleGovernanceText';

/** Whether `isoEnd` had passed by the moment `at` (ISO); unknown moments count as not. */
const endedBy = (isoEnd: string | undefined, at: string | undefined) =>
  isoEnd !== undefined &&
  at !== undefined &&
  Date.parse(isoEnd) <= Date.parse(at);

/** What changed in one role between two reads, as clauses: "the product owner is now ok (was missing)". */
function roleChanges(
  before: RoleEvaluation,
  after: RoleEvaluation,
  readAt: string | undefined,
): string[] {
  const title = `the ${OWNERSHIP_ROLE_TITLES[after.role].toLocaleLowerCase(
    'en-US',
  )}`;
  const changes: string[] = [];
  const exemption = after.exemption;
  if (after.status !== before.status) {
    let why = '';
    if (after.status === 'exempt' && exemption) {
      why = `, exempted by ${actorName(exemption.grantedBy)}`;
    } else if (before.status === 'exempt') {
      why = endedBy(before.exemption?.expiresAt, readAt)
        ? ': its exemption expired'
        : ': its exemption was removed';
    }
    changes.push(
      `${title} is now ${after.status} (was ${before.status})${why}`,
    );
  }
  const confirmation = after.attestation;
  if (
    confirmation?.state === 'current' &&
    confirmation.at !== undefined &&
    confirmation.at !== before.attestation?.at
  ) {
    changes.push(
      `${title} was confirmed by ${actorName(confirmation.by ?? 'someone')}`,
    );
  } else if (
    before.attestation?.state === 'current' &&
    confirmation?.state === 'stale' &&
    confirmation.at === before.attestation.at &&
    endedBy(confirmation.expiresAt, readAt)
  ) {
    changes.push(
      `${title}'s confirmation by ${actorName(
        confirmation.by ?? 'someone',
      )} expired: confirm again to keep it current`,
    );
  }
  return changes;
}

/**
 * What changed between two reads of an entity's ownership, the second read by itself after a
 * signal (a change made elsewhere: by someone else, or in another browser tab): each role whose
 * status word changed ("the engineering owner is now exempt (was missing), exempted by jane") and
 * each new confirmation ("the product owner was confirmed by omar"), each exemption ended ("…
 * is now missing (was exempt): its exemption expired") and each confirmation that expired, in the
 * roles' order, as one sentence. What expired is told by the second read's moment
 * (`evaluatedAt`, the backend's clock). Undefined when nothing it names changed.
 */
export function describeOwnershipChanges(
  before: EntityOwnership,
  after: EntityOwnership,
): string | undefined {
  const was = new Map(before.roles.map(role => [role.role, role]));
  const changes = after.roles.flatMap(role => {
    const previous = was.get(role.role);
    return previous ? roleChanges(previous, role, after.evaluatedAt) : [];
  });
  if (changes.length === 0) return undefined;
  const sentence = changes.join('; ');
  return `${sentence.charAt(0).toLocaleUpperCase('en-US')}${sentence.slice(
    1,
  )}.`;
}
