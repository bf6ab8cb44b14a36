/*
 * Stewardship's permissions. Every write acts on one catalog entity (the entity an SLO, incident,
 * exemption or override belongs to), so each permission has the catalog's resource type: a policy
 * can then answer with the catalog's own conditions, e.g. "the caller owns this entity"
 * (`catalogConditions.isEntityOwner`), and the permission backend resolves them against the
 * catalog. Reads are not separate permissions: what a caller may read is what the catalog lets
 * them read (`catalog.entity.read`), checked with their credentials.
 */
import { createPermission } from '@backstage/plugin-permission-common';

/** The catalog's resource type (`RESOURCE_TYPE_CATALOG_ENTITY` in `@backstage/plugin-catalog-common/alpha`). */
const CATALOG_ENTITY = 'catalog-entity';

/** A permission on one catalog entity. */
const entityPermission = (
  name: string,
  action: 'create' | 'update' | 'delete',
) =>
  createPermission({
    name,
    attributes: { action },
    resourceType: CATALOG_ENTITY,
  });

/** Create an SLO for an entity (also by import). @public */
export const stewardshipSloCreatePermission = entityPermission(
  'stewardship.slo.create',
  'create',
);

/** Change an entity's SLO, or evaluate it on demand (which stores a snapshot). @public */
export const stewardshipSloUpdatePermission = entityPermission(
  'stewardship.slo.update',
  'update',
);

/** Delete an entity's SLO. @public */
export const stewardshipSloDeletePermission = entityPermission(
  'stewardship.slo.delete',
  'delete',
);

/** Record an incident for an entity. @public */
export const stewardshipIncidentCreatePermission = entityPermission(
  'stewardship.incident.create',
  'create',
);

/** Change an entity's incident or its action items. @public */
export const stewardshipIncidentUpdatePermission = entityPermission(
  'stewardship.incident.update',
  'update',
);

/** Grant an ownership exemption to an entity. @public */
export const stewardshipExemptionCreatePermission = entityPermission(
  'stewardship.exemption.create',
  'create',
);

/** Attest an entity's owners. @public */
export const stewardshipAttestationCreatePermission = entityPermission(
  'stewardship.attestation.create',
  'create',
);

/** Override an entity's blocking release gate. @public */
export const stewardshipReleaseGateOverridePermission = entityPermission(
  'stewardship.release-gate.override',
  'create',
);

/** Every Stewardship permission, for `permissionsRegistry.addPermissions`. @public */
export const stewardshipPermissions = [
  stewardshipSloCreatePermission,
  stewardshipSloUpdatePermission,
  stewardshipSloDeletePermission,
  stewardshipIncidentCreatePermission,
  stewardshipIncidentUpdatePermission,
  stewardshipExemptionCreatePermission,
  stewardshipAttestationCreatePermission,
  stewardshipReleaseGateOverridePermission,
];
