/*
 * Attestations: the holder of a role (the user its annotation names, or a member of the group it
 * names) confirms they still hold it; an owner of the entity (whoever the permission policy
 * allows `stewardship.attestation.create`) may confirm for them. The confirmation is stored with
 * the annotation value it confirmed, so a changed value makes it stale.
 */
import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  entityRefKey,
  OwnershipAttestation,
  OwnershipRole,
  RoleEvaluation,
  stewardshipAttestationCreatePermission,
} from '@stewardship/backstage-plugin-stewardship-common';
import { OwnershipAttestationStore } from '../database/OwnershipAttestationStore';
import { actorOf } from '../lib/actorOf';
import { EntityPermissions } from '../lib/EntityPermissions';
import { OwnershipChangeListener } from './OwnershipChangeSignaller';
import { OwnershipService } from './OwnershipService';
import { AttestationSettings } from './readAttestationSettings';

export class OwnershipAttestationService {
  constructor(
    private readonly deps: {
      ownership: Pick<OwnershipService, 'getEntityOwnership'>;
      store: Pick<OwnershipAttestationStore, 'saveAttestation'>;
      permissions: EntityPermissions;
      userInfo: UserInfoService;
      settings: AttestationSettings;
      /** Told after a confirmation is stored (open tabs read again). */
      changes?: OwnershipChangeListener;
      now?: () => Date;
    },
  ) {}

  private now() {
    return (this.deps.now ?? (() => new Date()))();
  }

  /**
   * Confirms `role` of the entity (a lower-case full ref) as the catalog shows it now. 404 when
   * the caller cannot see the entity, 409 when the role names no owner to confirm or its status
   * is not `ok` (an orphaned owner, say: as the Ownership tab, which offers Confirm only on an
   * `ok` role), 403 when the caller neither holds the role nor may attest for the entity.
   */
  async attest(
    entityRef: string,
    role: OwnershipRole,
    credentials: BackstageCredentials,
  ): Promise<OwnershipAttestation> {
    const ownership = await this.deps.ownership.getEntityOwnership(
      parseEntityRef(entityRef),
      credentials,
    );
    const evaluation = ownership.roles.find(r => r.role === role)!;
    const holder = evaluation.owner?.entityRef;
    if (evaluation.value === undefined || holder === undefined) {
      throw new ConflictError(
        `The ${role} role of ${entityRef} names no owner in the catalog (${
          evaluation.catalogStatus ?? evaluation.status
        }) to confirm; set ${evaluation.annotation} first`,
      );
    }
    if (evaluation.status !== 'ok') {
      const status = evaluation.catalogStatus
        ? `${evaluation.status} (${evaluation.catalogStatus} in the catalog)`
        : evaluation.status;
      throw new ConflictError(
        `The ${role} role of ${entityRef} is ${status}, not ok, so its owner cannot be confirmed${
          evaluation.problem ? `: ${evaluation.problem}` : ''
        }`,
      );
    }
    if (!(await this.holdsRole(evaluation, credentials))) {
      try {
        await this.deps.permissions.authorize(
          credentials,
          stewardshipAttestationCreatePermission,
          entityRef,
        );
      } catch (error) {
        if (error instanceof NotAllowedError) {
          throw new NotAllowedError(
            `${error.message}, and ${actorOf(
              credentials,
            )} does not hold its ${role} role (${holder})`,
          );
        }
        throw error;
      }
    }
    const now = this.now();
    const attestation: OwnershipAttestation = {
      entityRef,
      role,
      value: evaluation.value,
      attestedBy: actorOf(credentials),
      attestedAt: now.toISOString(),
      expiresAt: new Date(
        now.getTime() + this.deps.settings.maxAgeMs,
      ).toISOString(),
    };
    await this.deps.store.saveAttestation(attestation);
    await this.deps.changes?.ownershipChanged();
    return attestation;
  }

  /**
   * Whether the caller is the role's user or belongs to its group, by the ownership refs of
   * their sign-in (the user and the groups the sign-in resolver put in their token).
   */
  private async holdsRole(
    evaluation: RoleEvaluation,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if ((credentials.principal as { type?: string }).type !== 'user') {
      return false;
    }
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
      credentials,
    );
    const holder = entityRefKey(evaluation.owner!.entityRef);
    return ownershipEntityRefs.some(ref => entityRefKey(ref) === holder);
  }
}
