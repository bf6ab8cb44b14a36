import {
  DEFAULT_NAMESPACE,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityOwnership,
  OWNERSHIP_ANNOTATIONS,
  OWNERSHIP_ROLES,
  OwnershipRole,
  OwnershipSource,
  RoleAttestation,
  roleAttestation,
  RoleEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { EntityIndex } from './EntityIndex';
import { describeOwner, parseOwnerRefIn, resolveIn } from './evaluationMemo';
import { OwnershipPolicy, policyAppliesTo } from './OwnershipPolicy';

/** How an evaluation is reported. */
export interface EvaluationOptions {
  /**
   * Attestations are on: every role carries `attestation: { state: 'none' }`, what a role
   * nobody has attested shows, so that only attested entities need changing afterwards.
   */
  attestations?: boolean;
}

/**
 * What `roleAttestation` gives a role nobody has attested (the same at any moment), shared by
 * every unattested role of a whole-catalog evaluation; never mutated.
 */
const NO_ATTESTATION: RoleAttestation = Object.freeze(
  roleAttestation(undefined, undefined, new Date(0)),
);

interface Parent {
  via: 'system' | 'domain';
  entityRef: string;
  entity?: Entity;
}

/**
 * Evaluates the business, product and engineering owner of one entity.
 *
 * `catalog` must hold the entity's system and domain and every user or group its roles name,
 * and know (`has`) which of those owners' members and groups exist; anything it lacks counts as
 * absent from the catalog, so a group whose members are all gone is orphaned. Pure and
 * synchronous, so the scorecard can evaluate the whole catalog from one in-memory index.
 */
export function evaluateEntityOwnership(
  entity: Entity,
  catalog: EntityIndex,
  policy: OwnershipPolicy,
  options: EvaluationOptions = {},
): EntityOwnership {
  const entityRef = stringifyEntityRef(entity);
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const parents = findParents(entity, catalog);
  const applies = policyAppliesTo(policy, entity);

  const roles = OWNERSHIP_ROLES.map(role =>
    evaluateRole({
      role,
      required: applies && policy.requiredRoles.includes(role),
      entity,
      entityRef,
      parents: policy.inheritance ? parents : [],
      catalog,
      attestation: options.attestations ? NO_ATTESTATION : undefined,
    }),
  );

  const result: EntityOwnership = {
    entityRef,
    kind: entity.kind,
    namespace,
    name: entity.metadata.name,
    applies,
    compliant: roles.every(r => !r.required || r.status === 'ok'),
    roles,
  };
  if (entity.metadata.title) result.title = entity.metadata.title;
  if (typeof entity.spec?.type === 'string') result.type = entity.spec.type;
  const system = parents.find(p => p.via === 'system');
  const domain = parents.find(p => p.via === 'domain');
  if (system) result.system = system.entityRef;
  if (domain) result.domain = domain.entityRef;

  const specOwner = resolveIn(catalog, entity.spec?.owner, {
    defaultKind: 'group',
    defaultNamespace: namespace,
  });
  if (specOwner) {
    result.specOwner = { entityRef: specOwner.entityRef };
    if (specOwner.entity) {
      result.specOwner.owner = describeOwner(catalog, specOwner.entity);
    }
  }
  return result;
}

/** The system and domain an entity belongs to, nearest first. */
function findParents(entity: Entity, catalog: EntityIndex): Parent[] {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const parents: Parent[] = [];

  let domainHolder: Entity | undefined = entity;
  if (kind !== 'system' && kind !== 'domain') {
    const system = resolveIn(catalog, entity.spec?.system, {
      defaultKind: 'system',
      defaultNamespace: namespace,
    });
    domainHolder = system?.entity;
    if (system) parents.push({ via: 'system', ...system });
  }
  if (kind !== 'domain' && domainHolder) {
    const domain = resolveIn(catalog, domainHolder.spec?.domain, {
      defaultKind: 'domain',
      defaultNamespace: domainHolder.metadata.namespace ?? DEFAULT_NAMESPACE,
    });
    if (domain) parents.push({ via: 'domain', ...domain });
  }
  return parents;
}

function evaluateRole(options: {
  role: OwnershipRole;
  required: boolean;
  entity: Entity;
  entityRef: string;
  parents: Parent[];
  catalog: EntityIndex;
  attestation?: RoleAttestation;
}): RoleEvaluation {
  const { role, required, entity, entityRef, parents, catalog, attestation } =
    options;
  const annotation = OWNERSHIP_ANNOTATIONS[role];
  const base = {
    role,
    required,
    annotation,
    ...(attestation && { attestation }),
  };

  const declared = findDeclaration(annotation, entity, entityRef, parents);
  if (!declared) {
    const where = parents.length
      ? ` or to ${parents
          .map(p => p.entityRef)
          .join(' or ')} to cover everything in it`
      : '';
    return {
      ...base,
      status: 'missing',
      // The parents by name: "its system or domain" was wrong for a system (whose only parent
      // is its domain) and for an entity with no domain.
      problem: `No ${role} owner is declared on ${entityRef}${
        parents.length
          ? ` nor inherited from ${parents.map(p => p.entityRef).join(' or ')}`
          : ''
      }.`,
      fix: `Add the annotation "${annotation}: group:default/<team>" (or user:default/<name>) to ${entityRef}${where}.`,
    };
  }

  const { value, source } = declared;
  const parsed = parseOwnerRefIn(catalog, value);
  if (!parsed.ok) {
    return {
      ...base,
      status: 'invalid',
      value,
      source,
      problem: parsed.problem,
      fix:
        parsed.reason === 'list'
          ? `Keep one accountable owner in "${annotation}" on ${
              source.entityRef
            }, e.g. "${annotation}: ${firstValidRef(catalog, parsed.parts)}".`
          : `Set "${annotation}" on ${source.entityRef} to one user or group ref, e.g. "user:default/<name>" or "group:default/<team>".`,
    };
  }

  const ownerEntity = catalog.get(parsed.entityRef);
  if (!ownerEntity) {
    return {
      ...base,
      status: 'unresolved',
      value,
      source,
      problem: `${parsed.entityRef} is not in the catalog.`,
      fix: `Point "${annotation}" on ${source.entityRef} at an existing user or group, or add ${parsed.entityRef} to the catalog.`,
    };
  }

  const owner = describeOwner(catalog, ownerEntity);
  if (owner.kind === 'group' && owner.memberCount === 0) {
    return {
      ...base,
      status: 'orphaned',
      value,
      source,
      owner,
      problem: `${owner.entityRef} has no members, so nobody is accountable.`,
      fix: `Add members to ${owner.entityRef}, or point "${annotation}" on ${source.entityRef} at a staffed group or user.`,
    };
  }
  if (owner.kind === 'user' && owner.groupCount === 0) {
    return {
      ...base,
      status: 'orphaned',
      value,
      source,
      owner,
      problem: `${owner.entityRef} belongs to no group; they may have left the organisation.`,
      fix: `Add ${owner.entityRef} to a group (spec.memberOf), or point "${annotation}" on ${source.entityRef} at a current owner.`,
    };
  }

  return { ...base, status: 'ok', value, source, owner };
}

/** The entity's own annotation wins over its system's, which wins over its domain's. */
function findDeclaration(
  annotation: string,
  entity: Entity,
  entityRef: string,
  parents: Parent[],
): { value: string; source: OwnershipSource } | undefined {
  const own = entity.metadata.annotations?.[annotation];
  if (own !== undefined) {
    return { value: own, source: { type: 'own', entityRef } };
  }
  for (const parent of parents) {
    const inherited = parent.entity?.metadata.annotations?.[annotation];
    if (inherited !== undefined) {
      return {
        value: inherited,
        source: {
          type: 'inherited',
          entityRef: parent.entityRef,
          via: parent.via,
        },
      };
    }
  }
  return undefined;
}

function firstValidRef(catalog: EntityIndex, candidates: string[]) {
  for (const candidate of candidates) {
    const parsed = parseOwnerRefIn(catalog, candidate);
    if (parsed.ok) return parsed.entityRef;
  }
  return 'group:default/<team>';
}
