import { parseOwnerRef } from './parseOwnerRef';
import { OwnershipRole } from './roles';

/**
 * A stored confirmation by a role's holder (or an entity owner) that the declared owner is still
 * right. It holds for the annotation value it confirmed, until it expires.
 *
 * @public
 */
export interface OwnershipAttestation {
  /** The entity, full lower-case ref, e.g. `component:default/cart`. */
  entityRef: string;
  /** The role confirmed. */
  role: OwnershipRole;
  /** The annotation value (own or inherited) that was confirmed, as written. */
  value: string;
  /** Who confirmed: a user ref or a service subject. */
  attestedBy: string;
  /** When (ISO timestamp). */
  attestedAt: string;
  /** When it stops counting (ISO timestamp, exclusive). */
  expiresAt: string;
}

/**
 * Whether a role's owner has been confirmed:
 *
 * - `current`: confirmed for the value the catalog shows now, and not expired;
 * - `stale`: confirmed once, but the confirmation expired or the annotation names someone else
 *   since;
 * - `none`: never confirmed.
 *
 * @public
 */
export type AttestationState = 'current' | 'stale' | 'none';

/**
 * The attestation of one role as the ownership response shows it.
 *
 * @public
 */
export interface RoleAttestation {
  /** See {@link AttestationState}. */
  state: AttestationState;
  /** Who confirmed last; absent when `none`. */
  by?: string;
  /** When they confirmed (ISO timestamp); absent when `none`. */
  at?: string;
  /** When that confirmation stops (or stopped) counting (ISO timestamp); absent when `none`. */
  expiresAt?: string;
}

/** How long an attestation counts unless configured otherwise: 90 days. @public */
export const DEFAULT_ATTESTATION_MAX_AGE_MS = 90 * 86_400_000;

/**
 * The attestation state of a role whose annotation value is `value` now: `stale` once expired
 * (at `expiresAt` exactly) or when the value names someone other than the one confirmed. Values
 * are compared by the owner they name ({@link parseOwnerRef}: `user:jane` and
 * `User:default/Jane` are one owner); when either does not parse, as written, ignoring
 * surrounding space and case, as the catalog compares refs.
 *
 * @public
 */
export function roleAttestation(
  stored: OwnershipAttestation | undefined,
  value: string | undefined,
  at: Date,
): RoleAttestation {
  if (!stored) return { state: 'none' };
  const same = value !== undefined && sameOwner(stored.value, value);
  const unexpired = at.getTime() < Date.parse(stored.expiresAt);
  return {
    state: same && unexpired ? 'current' : 'stale',
    by: stored.attestedBy,
    at: stored.attestedAt,
    expiresAt: stored.expiresAt,
  };
}

/** Whether two annotation values name one owner; as written when either names none. */
function sameOwner(confirmed: string, current: string): boolean {
  const a = parseOwnerRef(confirmed);
  const b = parseOwnerRef(current);
  if (a.ok && b.ok) return a.entityRef === b.entityRef;
  return (
    confirmed.trim().toLocaleLowerCase('en-US') ===
    current.trim().toLocaleLowerCase('en-US')
  );
}
