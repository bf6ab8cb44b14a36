import { Entity } from '@backstage/catalog-model';

/** Small builders for catalog entities in tests. */
export function component(
  name: string,
  options: {
    system?: string;
    owner?: string;
    type?: string;
    annotations?: Record<string, string>;
    kind?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: options.kind ?? 'Component',
    metadata: { name, namespace: 'default', annotations: options.annotations },
    spec: {
      type: options.type ?? 'service',
      lifecycle: 'production',
      owner: options.owner ?? 'group:default/team-a',
      ...(options.system ? { system: options.system } : {}),
    },
  };
}

export function system(
  name: string,
  options: { domain?: string; annotations?: Record<string, string> } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default', annotations: options.annotations },
    spec: {
      owner: 'group:default/team-a',
      ...(options.domain ? { domain: options.domain } : {}),
    },
  };
}

export function domain(
  name: string,
  options: { annotations?: Record<string, string> } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name, namespace: 'default', annotations: options.annotations },
    spec: { owner: 'group:default/team-a' },
  };
}

/** A user; `memberOf` refs become both spec and relations, as the catalog would produce. */
export function user(
  name: string,
  memberOf: string[],
  profile: { displayName?: string; email?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { memberOf, profile },
    relations: memberOf.map(targetRef => ({ type: 'memberOf', targetRef })),
  };
}

/** A group with the given member refs as hasMember relations. */
export function group(name: string, members: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'team',
      children: [],
      profile: { displayName: `Team ${name}` },
    },
    relations: members.map(targetRef => ({ type: 'hasMember', targetRef })),
  };
}

export const ROLE_ANNOTATIONS = {
  business: 'stewardship.io/business-owner',
  product: 'stewardship.io/product-owner',
  engineering: 'stewardship.io/engineering-owner',
} as const;

/** Annotations setting all three roles to the same ref. */
export function allRoles(ref: string): Record<string, string> {
  return {
    [ROLE_ANNOTATIONS.business]: ref,
    [ROLE_ANNOTATIONS.product]: ref,
    [ROLE_ANNOTATIONS.engineering]: ref,
  };
}
