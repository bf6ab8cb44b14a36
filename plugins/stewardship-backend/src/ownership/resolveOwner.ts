import {
  Entity,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ResolvedOwner } from '@stewardship/backstage-plugin-stewardship-common';

/**
 * Describes a user or group entity as an owner.
 *
 * Membership is read from relations (what the catalog computed from both sides) and from the
 * spec, so entities that were fetched without relations still count their members.
 */
export function resolveOwner(entity: Entity): ResolvedOwner {
  const kind = entity.kind.toLocaleLowerCase('en-US') as 'user' | 'group';
  const profile = (entity.spec?.profile ?? {}) as {
    displayName?: string;
    email?: string;
  };
  const owner: ResolvedOwner = {
    entityRef: stringifyEntityRef(entity),
    kind,
    displayName:
      profile.displayName ?? entity.metadata.title ?? entity.metadata.name,
  };
  if (profile.email) {
    owner.email = profile.email;
  }
  if (kind === 'group') {
    owner.memberCount = countLinks(entity, RELATION_HAS_MEMBER, 'members');
  } else {
    owner.groupCount = countLinks(entity, RELATION_MEMBER_OF, 'memberOf');
  }
  return owner;
}

function countLinks(entity: Entity, relationType: string, specField: string) {
  const refs = new Set<string>();
  for (const relation of entity.relations ?? []) {
    if (relation.type === relationType) {
      refs.add(relation.targetRef.toLocaleLowerCase('en-US'));
    }
  }
  const fromSpec = entity.spec?.[specField];
  if (refs.size === 0 && Array.isArray(fromSpec)) {
    // Without relations we can only count distinct spec entries.
    return new Set(fromSpec.map(String)).size;
  }
  return refs.size;
}
