import { entityRefKey } from '../entityRefs';
import { OwnershipRole } from './roles';
import { EntityOwnership, OwnershipStatus, RoleEvaluation } from './types';

/**
 * A granted exception from one ownership role of one entity: until it expires the role's
 * status is `exempt` (met), then it is what the catalog says again.
 *
 * @public
 */
export interface OwnershipExemption {
  /** Stable id (UUID). */
  id: string;
  /** The exempted entity, full lower-case ref, e.g. `component:default/cart`. */
  entityRef: string;
  /** The exempted role. */
  role: OwnershipRole;
  /** Why the role may go unmet for now. */
  reason: string;
  /** Who granted it: a user ref or a service subject. */
  grantedBy: string;
  /** When it was granted (ISO timestamp). */
  grantedAt: string;
  /** When it stops applying (ISO timestamp, exclusive). */
  expiresAt: string;
}

/** The longest an exemption may last unless configured otherwise: 180 days. @public */
export const DEFAULT_EXEMPTION_MAX_DURATION_MS = 180 * 86_400_000;

/**
 * Whether an exemption applies at `at`: granted at or before it, expiring after it.
 *
 * @public
 */
export function isExemptionInForce(
  exemption: Pick<OwnershipExemption, 'grantedAt' | 'expiresAt'>,
  at: Date,
): boolean {
  const t = at.getTime();
  return (
    Date.parse(exemption.grantedAt) <= t && t < Date.parse(exemption.expiresAt)
  );
}

/**
 * Whether a role's status meets the policy: `ok`, or `exempt` while an exemption is in force.
 *
 * @public
 */
export function isRoleSatisfied(status: OwnershipStatus): boolean {
  return status === 'ok' || status === 'exempt';
}

/**
 * The ownership with the exemptions in force at `at` applied: each exempted role becomes
 * `exempt`, carrying the exemption and the catalog's own status, and `compliant` is worked out
 * again. Exemptions for other entities (refs compared case-insensitively) or not in force are ignored; of several for one role, the
 * one expiring last applies. A role the catalog already calls `ok` stays `ok` (nothing to exempt).
 *
 * @public
 */
export function applyExemptions(
  ownership: EntityOwnership,
  exemptions: readonly OwnershipExemption[],
  at: Date,
): EntityOwnership {
  // Entity refs compare as the catalog compares them: case-insensitively.
  const entityRef = entityRefKey(ownership.entityRef);
  const inForce = new Map<OwnershipRole, OwnershipExemption>();
  for (const exemption of exemptions) {
    if (
      entityRefKey(exemption.entityRef) !== entityRef ||
      !isExemptionInForce(exemption, at)
    ) {
      continue;
    }
    const current = inForce.get(exemption.role);
    if (
      !current ||
      Date.parse(current.expiresAt) < Date.parse(exemption.expiresAt)
    ) {
      inForce.set(exemption.role, exemption);
    }
  }
  if (inForce.size === 0) return ownership;
  const roles = ownership.roles.map((role): RoleEvaluation => {
    const exemption = inForce.get(role.role);
    if (!exemption || role.status === 'ok') return role;
    return { ...role, status: 'exempt', catalogStatus: role.status, exemption };
  });
  return {
    ...ownership,
    roles,
    compliant:
      !ownership.applies ||
      roles.every(r => !r.required || isRoleSatisfied(r.status)),
  };
}
