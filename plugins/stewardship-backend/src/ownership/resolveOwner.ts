import {
  DEFAULT_NAMESPACE,
  Entity,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ResolvedOwner } from '@stewardship/backstage-plugin-stewardship-common';
import { normalizeEntityRef } from '../lib/entityRefs';

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
    owner.memberCount = countLinks(
      entity,
      RELATION_HAS_MEMBER,
      'members',
      'user',
    );
  } else {
    owner.groupCount = countLinks(
      entity,
      RELATION_MEMBER_OF,
      'memberOf',
      'group',
    );
  }
  return owner;
}

function countLinks(
  entity: Entity,
  relationType: string,
  specField: string,
  specKind: string,
) {
  const refs = new Set<string>();
  for (const relation of entity.relations ?? []) {
    if (relation.type === relationType) {
      refs.add(memberKey(relation.targetRef));
    }
  }
  const fromSpec = entity.spec?.[specField];
  if (refs.size === 0 && Array.isArray(fromSpec)) {
    // Without relations we can only count distinct spec entries (short refs as the catalog reads them).
    const context = {
      defaultKind: specKind,
      defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    };
    return new Set(fromSpec.map(ref => memberKey(String(ref), context))).size;
  }
  return refs.size;
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
