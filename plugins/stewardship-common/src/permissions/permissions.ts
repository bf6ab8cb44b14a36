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

/** Create an SLO for an entity (also by import). @public */
export const stewardshipSloCreatePermission = createPermission({
  name: 'stewardship.slo.create',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY,
});

/** Change an entity's SLO, or evaluate it on demand (which stores a snapshot). @public */
export const stewardshipSloUpdatePermission = createPermission({
  name: 'stewardship.slo.update',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/** Delete an entity's SLO. @public */
export const stewardshipSloDeletePermission = createPermission({
  name: 'stewardship.slo.delete',
  attributes: { action: 'delete' },
  resourceType: CATALOG_ENTITY,
});

/** Record an incident for an entity. @public */
export const stewardshipIncidentCreatePermission = createPermission({
  name: 'stewardship.incident.create',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY,
});

/** Change an entity's incident or its action items. @public */
export const stewardshipIncidentUpdatePermission = createPermission({
  name: 'stewardship.incident.update',
  attributes: { action: 'update' },
  resourceType: CATALOG_ENTITY,
});

/** Grant an ownership exemption to an entity. @public */
export const stewardshipExemptionCreatePermission = createPermission({
  name: 'stewardship.exemption.create',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY,
});

/** Attest an entity's owners. @public */
export const stewardshipAttestationCreatePermission = createPermission({
  name: 'stewardship.attestation.create',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY,
});

/** Override an entity's blocking release gate. @public */
export const stewardshipReleaseGateOverridePermission = createPermission({
  name: 'stewardship.release-gate.override',
  attributes: { action: 'create' },
  resourceType: CATALOG_ENTITY,
});

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
