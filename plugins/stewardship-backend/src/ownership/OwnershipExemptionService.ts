/*
 * Ownership exemptions: an owner of an entity (or whoever the permission policy allows) excuses
 * one required role with a problem for a bounded time, with a reason. Reads need the entity to
 * be visible to the caller; writes need `stewardship.exemption.create` on it.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OwnershipExemption,
  OwnershipRole,
  stewardshipExemptionCreatePermission,
} from '@stewardship/backstage-plugin-stewardship-common';
import { OwnershipExemptionStore } from '../database/OwnershipExemptionStore';
import { checkFreeText } from '../incidents/incidentInput';
import { actorOf } from '../lib/actorOf';
import { EntityPermissions } from '../lib/EntityPermissions';
import { OwnershipChangeListener } from './OwnershipChangeSignaller';
import { OwnershipService } from './OwnershipService';
import { ExemptionSettings } from './readExemptionSettings';

/** At most this many characters of reason (the spec says the same). */
export const MAX_EXEMPTION_REASON_LENGTH = 2000;

/** What a client sends to grant an exemption. */
export interface ExemptionRequest {
  role: OwnershipRole;
  reason: string;
  expiresAt: string;
}

export class OwnershipExemptionService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      /** The evaluation the ownership route gives, to grant only on a role with a problem. */
      ownership: Pick<OwnershipService, 'getEntityOwnership'>;
      store: OwnershipExemptionStore;
      permissions: EntityPermissions;
      settings: ExemptionSettings;
      /** Told after a grant or a removal (open tabs read again). */
      changes?: OwnershipChangeListener;
      now?: () => Date;
    },
  ) {}

  private now() {
    return (this.deps.now ?? (() => new Date()))();
  }

  /** The entity's exemptions in force now, expiring first first. */
  async list(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<OwnershipExemption[]> {
    await this.requireVisible(entityRef, credentials);
    return this.deps.store.entityExemptions(entityRef, this.now());
  }

  /**
   * Grants an exemption. The expiry must be in the future and within the configured maximum.
   * Only a required role with a problem can be excused: 409 when the ownership policy does not
   * cover the entity, when the role is not required for it, or when the role is `ok` (an
   * exemption there would lie dormant, out of sight, until the role broke); a role already
   * exempt answers 409 too (remove that exemption first), so there is one reason per role at a
   * time.
   */
  async grant(
    entityRef: string,
    body: ExemptionRequest,
    credentials: BackstageCredentials,
  ): Promise<OwnershipExemption> {
    await this.requireVisible(entityRef, credentials);
    await this.deps.permissions.authorize(
      credentials,
      stewardshipExemptionCreatePermission,
      entityRef,
    );
    const reason = body.reason.trim();
    if (!reason) {
      throw new InputError(
        'Invalid request body "reason": say why the role may go unmet for now',
      );
    }
    // Shown on the scorecard and sent in reminders: tabs and line feeds, as in a correction's
    // reason, no other control characters.
    checkFreeText('Invalid request body "reason":', reason);
    const now = this.now();
    const expires = Date.parse(body.expiresAt);
    if (Number.isNaN(expires)) {
      // The spec's date-time format lets through what no clock shows, e.g. a leap second
      // (23:59:60), which Date.parse cannot place.
      throw new InputError(
        `Invalid request body "expiresAt": "${body.expiresAt}" is not a valid moment`,
      );
    }
    if (!(expires > now.getTime())) {
      throw new InputError(
        'Invalid request body "expiresAt": must be in the future',
      );
    }
    const maxMs = this.deps.settings.maxDurationMs;
    if (expires - now.getTime() > maxMs) {
      throw new InputError(
        `Invalid request body "expiresAt": an exemption lasts at most ${formatDays(
          maxMs,
        )} (stewardship.ownership.exemptions.maxDuration)`,
      );
    }
    await this.requireProblem(entityRef, body.role, credentials);
    const stored = await this.deps.store.createExemption({
      entityRef,
      role: body.role,
      reason,
      grantedBy: actorOf(credentials),
      expiresAt: new Date(expires).toISOString(),
    });
    if ('inForce' in stored) {
      throw new ConflictError(
        `The ${body.role} role of ${entityRef} is already exempt until ${stored.inForce.expiresAt}; remove that exemption first`,
      );
    }
    await this.deps.changes?.ownershipChanged();
    return stored.created;
  }

  /**
   * Removes one of the entity's exemptions and returns it; the role is what the catalog says
   * again at once.
   */
  async remove(
    entityRef: string,
    id: string,
    credentials: BackstageCredentials,
  ): Promise<OwnershipExemption> {
    await this.requireVisible(entityRef, credentials);
    await this.deps.permissions.authorize(
      credentials,
      stewardshipExemptionCreatePermission,
      entityRef,
    );
    const removed = await this.deps.store.deleteExemption(entityRef, id);
    if (!removed) {
      throw new NotFoundError(`No exemption ${id} on ${entityRef}`);
    }
    await this.deps.changes?.ownershipChanged();
    return removed;
  }

  /**
   * Throws a 409 unless the role, as the ownership route evaluates it now, is required and has a
   * problem (or is exempt already, which the store answers with the exemption in force).
   */
  private async requireProblem(
    entityRef: string,
    role: OwnershipRole,
    credentials: BackstageCredentials,
  ) {
    const ownership = await this.deps.ownership.getEntityOwnership(
      parseEntityRef(entityRef),
      credentials,
    );
    if (!ownership.applies) {
      throw new ConflictError(
        `The ownership policy does not cover ${entityRef} (stewardship.ownership.appliesTo), so its ${role} role has no problem to excuse`,
      );
    }
    const evaluation = ownership.roles.find(r => r.role === role);
    if (!evaluation?.required) {
      throw new ConflictError(
        `The ${role} role is not required for ${entityRef} (stewardship.ownership.requiredRoles), so it has no problem to excuse`,
      );
    }
    if (evaluation.status === 'ok') {
      throw new ConflictError(
        `The ${role} role of ${entityRef} is ok, so it has no problem to excuse`,
      );
    }
  }

  private async requireVisible(
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
  }
}

function formatDays(ms: number): string {
  const days = ms / 86_400_000;
  return Number.isInteger(days)
    ? `${days} day${days === 1 ? '' : 's'}`
    : `${Math.round(ms / 3_600_000)} hours`;
}
