import type { RoleAttestation } from './attestations';
import type { OwnershipExemption } from './exemptions';
import { OwnershipRole } from './roles';

/**
 * The verdict on one role of one entity.
 *
 * - `ok`: a single user or group that exists in the catalog and is staffed.
 * - `exempt`: an unexpired exemption covers the role, whatever the catalog says (it counts as
 *   met; see {@link OwnershipExemption}).
 * - `missing`: no annotation on the entity nor (when inheritance is on) on its system or domain.
 * - `unresolved`: a well-formed ref that names no catalog entity.
 * - `invalid`: a malformed ref, a kind other than user or group, or a list where one owner is expected.
 * - `orphaned`: a group with no members in the catalog, or a user who belongs to no group in it
 *   (a member or group the catalog no longer has does not count).
 *
 * @public
 */
export type OwnershipStatus =
  | 'ok'
  | 'missing'
  | 'unresolved'
  | 'invalid'
  | 'orphaned'
  | 'exempt';

/**
 * All statuses, best first.
 *
 * @public
 */
export const OWNERSHIP_STATUSES: readonly OwnershipStatus[] = [
  'ok',
  'missing',
  'unresolved',
  'invalid',
  'orphaned',
  'exempt',
];

/**
 * Where a role's value was declared.
 *
 * @public
 */
export interface OwnershipSource {
  /** `own` when the entity declares the role itself, `inherited` when it came from a parent. */
  type: 'own' | 'inherited';
  /** The ref of the entity carrying the annotation, e.g. `system:default/payments`. */
  entityRef: string;
  /** For inherited roles: the relation it was inherited along. */
  via?: 'system' | 'domain';
}

/**
 * A user or group found in the catalog.
 *
 * @public
 */
export interface ResolvedOwner {
  /** Full entity ref, e.g. `user:default/jane`. */
  entityRef: string;
  /** Whether the owner is a person or a team. */
  kind: 'user' | 'group';
  /** `spec.profile.displayName`, else `metadata.title`, else the name. */
  displayName: string;
  /** `spec.profile.email`, when set. */
  email?: string;
  /**
   * Groups: number of direct members in the catalog (a member it no longer has, still listed in
   * `spec.members`, does not count).
   */
  memberCount?: number;
  /**
   * Users: number of groups in the catalog they belong to (one it no longer has does not count).
   */
  groupCount?: number;
  /**
   * True when the catalog's permission rules do not let the caller read this owner. A role's
   * status does not depend on who asks: such an owner is looked up with the plugin's own access,
   * and only what the status rests on is given (its ref, kind and member or group count;
   * `displayName` is its name, no `email`).
   */
  hidden?: boolean;
}

/**
 * The evaluation of one role on one entity.
 *
 * @public
 */
export interface RoleEvaluation {
  /** The role evaluated. */
  role: OwnershipRole;
  /** Whether the configuration requires this role for this entity. */
  required: boolean;
  /** The verdict; see {@link OwnershipStatus}. */
  status: OwnershipStatus;
  /** The annotation that declares this role. */
  annotation: string;
  /** The annotation's value as written (own or inherited), when there is one. */
  value?: string;
  /** Where the value was declared; absent when `missing`. */
  source?: OwnershipSource;
  /** The owner, when the ref resolved to a catalog entity. */
  owner?: ResolvedOwner;
  /** What is wrong, in one sentence; absent when `ok`. */
  problem?: string;
  /** What to do about it, naming the exact annotation; absent when `ok`. */
  fix?: string;
  /** When `exempt`: the exemption in force. */
  exemption?: OwnershipExemption;
  /** When `exempt`: the status the catalog gives the role, which returns when the exemption ends. */
  catalogStatus?: OwnershipStatus;
  /** Whether the role's holder confirmed the owner recently; see {@link RoleAttestation}. */
  attestation?: RoleAttestation;
}

/**
 * `spec.owner`, the owning team, shown beside the roles.
 *
 * @public
 */
export interface SpecOwner {
  /** The full ref, e.g. `group:default/payments`. */
  entityRef: string;
  /** The owner, when it names a catalog entity. */
  owner?: ResolvedOwner;
}

/**
 * The ownership of one entity.
 *
 * @public
 */
export interface EntityOwnership {
  /** Full ref of the evaluated entity, e.g. `component:default/cart`. */
  entityRef: string;
  /** Kind as written in the catalog, e.g. `Component`. */
  kind: string;
  /** `metadata.namespace`. */
  namespace: string;
  /** `metadata.name`. */
  name: string;
  /** `metadata.title`, when set. */
  title?: string;
  /** `spec.type`, when the entity has one. */
  type?: string;
  /** `spec.owner`, the owning team, when set. */
  specOwner?: SpecOwner;
  /** The entity's system ref, when it has one. */
  system?: string;
  /** The entity's domain ref (through its system for components), when it has one. */
  domain?: string;
  /** Whether `stewardship.ownership.appliesTo` covers this entity. */
  applies: boolean;
  /** True when every required role is `ok` or `exempt` (always true when `applies` is false). */
  compliant: boolean;
  /** The roles, in {@link OWNERSHIP_ROLES} order. */
  roles: RoleEvaluation[];
  /**
   * On `GET entities/{ref}/ownership`: the moment (ISO) the roles are evaluated as of, on the
   * backend's clock. Absent elsewhere.
   */
  evaluatedAt?: string;
  /**
   * On `GET entities/{ref}/ownership`: the moment (ISO) from which this answer may stop holding
   * by time alone, the earliest end of an exemption in force or of a current confirmation; a
   * page showing it reads it again then. Absent when no role has either, and elsewhere.
   */
  validUntil?: string;
}
