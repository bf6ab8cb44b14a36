import {
  EntityOwnership,
  OWNERSHIP_ROLE_TITLES,
  RoleEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { actorName } from './roleGovernanceText';

/** What changed in one role between two reads, as clauses: "the product owner is now ok (was missing)". */
function roleChanges(before: RoleEvaluation, after: RoleEvaluation): string[] {
  const title = `the ${OWNERSHIP_ROLE_TITLES[after.role].toLocaleLowerCase(
    'en-US',
  )}`;
  const changes: string[] = [];
  const exemption = after.exemption;
  if (after.status !== before.status) {
    const by =
      after.status === 'exempt' && exemption
        ? `, exempted by ${actorName(exemption.grantedBy)}`
        : '';
    changes.push(`${title} is now ${after.status} (was ${before.status})${by}`);
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
  }
  return changes;
}

/**
 * What changed between two reads of an entity's ownership, the second read by itself after a
 * signal (a change made elsewhere: by someone else, or in another browser tab): each role whose
 * status word changed ("the engineering owner is now exempt (was missing), exempted by jane") and
 * each new confirmation ("the product owner was confirmed by omar"), in the roles' order, as one
 * sentence. Undefined when nothing it names changed.
 */
export function describeOwnershipChanges(
  before: EntityOwnership,
  after: EntityOwnership,
): string | undefined {
  const was = new Map(before.roles.map(role => [role.role, role]));
  const changes = after.roles.flatMap(role => {
    const previous = was.get(role.role);
    return previous ? roleChanges(previous, role) : [];
  });
  if (changes.length === 0) return undefined;
  const sentence = changes.join('; ');
  return `${sentence.charAt(0).toLocaleUpperCase('en-US')}${sentence.slice(
    1,
  )}.`;
}
