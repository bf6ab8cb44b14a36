import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';
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

const NO_PARENTS: readonly Parent[] = Object.freeze([]);

/**
 * Evaluates the business, product and engineering owner of one entity.
 *
 * `catalog` must hold the entity's system and domain and every user or group its roles name,
 * and know (`has`) which of those owners' members and groups exist; anything it lacks counts as
 * absent from the catalog, so a group whose members are all gone is orphaned. Pure and
 * synchronous, so the scorecard can evaluate the whole catalog from one in-memory index.
 *
 * Parts that are the same for many entities (their parents, a role they inherit, their
 * `spec.owner`) are shared between the results of one index (see evaluationMemo): results are
 * read-only.
 */
export function evaluateEntityOwnership(
  entity: Entity,
  catalog: EntityIndex,
  policy: OwnershipPolicy,
  options: EvaluationOptions = {},
): EntityOwnership {
  const entityRef = catalog.refOf(entity);
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const parents = findParents(entity, catalog);
  const applies = policyAppliesTo(policy, entity);
  const attestation = options.attestations ? NO_ATTESTATION : undefined;
  const inheritedFrom = policy.inheritance ? parents : NO_PARENTS;

  // One source for every role the entity declares itself.
  const ownSource: OwnershipSource = { type: 'own', entityRef };
  const roles = OWNERSHIP_ROLES.map(role =>
    evaluateRole(
      catalog,
      { role, required: applies && policy.requiredRoles.includes(role) },
      attestation,
      entity,
      ownSource,
      inheritedFrom,
    ),
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
  if (specOwner) result.specOwner = sharedSpecOwner(catalog, specOwner);
  return result;
}

/** `spec.owner` as a result shows it: one object per owner and index. */
const specOwners = new WeakMap<
  NonNullable<ReturnType<typeof resolveIn>>,
  NonNullable<EntityOwnership['specOwner']>
>();

function sharedSpecOwner(
  catalog: EntityIndex,
  resolved: NonNullable<ReturnType<typeof resolveIn>>,
): NonNullable<EntityOwnership['specOwner']> {
  let shown = specOwners.get(resolved);
  if (!shown) {
    shown = { entityRef: resolved.entityRef };
    if (resolved.entity) {
      shown.owner = describeOwner(catalog, resolved.entity);
    }
    specOwners.set(resolved, shown);
  }
  return shown;
}

/**
 * Parents by the resolved system (of an entity in a system) or domain (of a system): resolveIn
 * answers one object per ref and index, so every component of a system shares one list.
 */
const parentsBySystem = new WeakMap<object, readonly Parent[]>();
const parentsByDomain = new WeakMap<object, readonly Parent[]>();

/** The system and domain an entity belongs to, nearest first. */
function findParents(entity: Entity, catalog: EntityIndex): readonly Parent[] {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'domain') return NO_PARENTS;
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  if (kind === 'system') {
    return withDomainOf(entity, catalog, [], parentsByDomain);
  }
  const system = resolveIn(catalog, entity.spec?.system, {
    defaultKind: 'system',
    defaultNamespace: namespace,
  });
  if (!system) return NO_PARENTS;
  let parents = parentsBySystem.get(system);
  if (!parents) {
    const systemParent: Parent = { via: 'system', ...system };
    parents = system.entity
      ? withDomainOf(system.entity, catalog, [systemParent])
      : [systemParent];
    parentsBySystem.set(system, parents);
  }
  return parents;
}

/** `before` and the domain `holder` names, if any (memoised by that domain when `memo` is given). */
function withDomainOf(
  holder: Entity,
  catalog: EntityIndex,
  before: Parent[],
  memo?: WeakMap<object, readonly Parent[]>,
): readonly Parent[] {
  const domain = resolveIn(catalog, holder.spec?.domain, {
    defaultKind: 'domain',
    defaultNamespace: holder.metadata.namespace ?? DEFAULT_NAMESPACE,
  });
  if (!domain) return before.length ? before : NO_PARENTS;
  const known = memo?.get(domain);
  if (known) return known;
  const parents = [...before, { via: 'domain' as const, ...domain }];
  memo?.set(domain, parents);
  return parents;
}

/**
 * What a role inherited from a parent evaluates to is the same for every entity inheriting it
 * from that parent: one evaluation per parent, role, requiredness and attestation setting.
 */
const inheritedRoles = new WeakMap<Parent, Map<string, RoleEvaluation>>();

function evaluateRole(
  catalog: EntityIndex,
  head: { role: OwnershipRole; required: boolean },
  attestation: RoleAttestation | undefined,
  entity: Entity,
  ownSource: OwnershipSource,
  parents: readonly Parent[],
): RoleEvaluation {
  const { role } = head;
  const { entityRef } = ownSource;
  const annotation = OWNERSHIP_ANNOTATIONS[role];
  // The entity's own annotation wins over its system's, which wins over its domain's.
  const own = entity.metadata.annotations?.[annotation];
  if (own !== undefined) {
    return judgeDeclaration(catalog, head, attestation, own, ownSource);
  }
  for (const parent of parents) {
    const inherited = parent.entity?.metadata.annotations?.[annotation];
    if (inherited === undefined) continue;
    let byKey = inheritedRoles.get(parent);
    if (!byKey) {
      byKey = new Map();
      inheritedRoles.set(parent, byKey);
    }
    const key = `${role}:${head.required}:${Boolean(attestation)}`;
    let evaluation = byKey.get(key);
    if (!evaluation) {
      evaluation = judgeDeclaration(catalog, head, attestation, inherited, {
        type: 'inherited',
        entityRef: parent.entityRef,
        via: parent.via,
      });
      byKey.set(key, evaluation);
    }
    return evaluation;
  }

  const where = parents.length
    ? ` or to ${parents
        .map(p => p.entityRef)
        .join(' or ')} to cover everything in it`
    : '';
  return {
    ...roleHead(head, annotation, attestation),
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

function roleHead(
  head: { role: OwnershipRole; required: boolean },
  annotation: string,
  attestation: RoleAttestation | undefined,
) {
  return {
    role: head.role,
    required: head.required,
    annotation,
    ...(attestation && { attestation }),
  };
}

/** The status of a role declared (`value`) on the entity or a parent (`source`). */
function judgeDeclaration(
  catalog: EntityIndex,
  head: { role: OwnershipRole; required: boolean },
  attestation: RoleAttestation | undefined,
  value: string,
  source: OwnershipSource,
): RoleEvaluation {
  const annotation = OWNERSHIP_ANNOTATIONS[head.role];
  const base = roleHead(head, annotation, attestation);
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

  const ownerEntity = catalog.lookup(parsed.entityRef);
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

function firstValidRef(catalog: EntityIndex, candidates: string[]) {
  for (const candidate of candidates) {
    const parsed = parseOwnerRefIn(catalog, candidate);
    if (parsed.ok) return parsed.entityRef;
  }
  return 'group:default/<team>';
}
