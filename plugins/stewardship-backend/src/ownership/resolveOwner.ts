import {
  DEFAULT_NAMESPACE,
  Entity,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ResolvedOwner } from '@stewardship/backstage-plugin-stewardship-common';
import { normalizeEntityRef } from '../lib/entityRefs';

/** Whether the catalog holds an entity, by full ref (an EntityIndex answers it). */
export interface CatalogMembership {
  has(entityRef: string): boolean;
  /** Whether the caller may not read the entity (see EntityIndex); never, when absent. */
  isHidden?(entity: Entity): boolean;
}

/**
 * Describes a user or group entity as an owner.
 *
 * Membership is read from relations (what the catalog computed from both sides) and from the
 * spec, so entities that were fetched without relations still count their members. A link
 * counts only when `catalog` holds its target: the catalog keeps a relation to an entity that
 * is gone (a user deleted while a group's `spec.members` still names them), and a group staffed
 * only by such users has nobody accountable.
 */
export function resolveOwner(
  entity: Entity,
  catalog: CatalogMembership,
): ResolvedOwner {
  const kind = entity.kind.toLocaleLowerCase('en-US') as 'user' | 'group';
  const profile = (entity.spec?.profile ?? {}) as {
    displayName?: string;
    email?: string;
  };
  const hidden = catalog.isHidden?.(entity) ?? false;
  const owner: ResolvedOwner = {
    entityRef: stringifyEntityRef(entity),
    kind,
    // Of an owner the caller may not read, only what its ref already says.
    displayName: hidden
      ? entity.metadata.name
      : profile.displayName ?? entity.metadata.title ?? entity.metadata.name,
  };
  if (hidden) {
    owner.hidden = true;
  } else if (profile.email) {
    owner.email = profile.email;
  }
  let count = 0;
  for (const ref of ownerLinks(entity)) {
    if (catalog.has(ref)) count++;
  }
  if (kind === 'group') {
    owner.memberCount = count;
  } else {
    owner.groupCount = count;
  }
  return owner;
}

/**
 * The distinct refs an owner's membership names, whether or not the catalog holds them: a
 * group's members, a user's groups.
 */
export function ownerLinks(entity: Entity): Set<string> {
  return entity.kind.toLocaleLowerCase('en-US') === 'group'
    ? links(entity, RELATION_HAS_MEMBER, 'members', 'user')
    : links(entity, RELATION_MEMBER_OF, 'memberOf', 'group');
}

function links(
  entity: Entity,
  relationType: string,
  specField: string,
  specKind: string,
): Set<string> {
  const refs = new Set<string>();
  for (const relation of entity.relations ?? []) {
    if (relation.type === relationType) {
      refs.add(memberKey(relation.targetRef));
    }
  }
  const fromSpec = entity.spec?.[specField];
  if (refs.size === 0 && Array.isArray(fromSpec)) {
    // Without relations we can only read the spec entries (short refs as the catalog reads them).
    const context = {
      defaultKind: specKind,
      defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    };
    return new Set(fromSpec.map(ref => memberKey(String(ref), context)));
  }
  return refs;
}

/** A relation target as the catalog compares it; kept as it is if it is no ref we can read. */
function memberKey(
  ref: string,
  context?: { defaultKind: string; defaultNamespace: string },
): string {
  try {
    return normalizeEntityRef(ref, context);
  } catch {
    // Still a member: the catalog made the link, whatever its name rules.
    return ref;
  }
}
