import { Entity } from '@backstage/catalog-model';

const KINDS = ['component', 'api', 'system', 'domain', 'resource'];

/**
 * Whether an entity is of a kind that carries ownership roles, for use with
 * `EntitySwitch.Case` or to decide whether to show the Ownership tab.
 * Whether the configured policy checks it is up to the backend
 * (`stewardship.ownership.appliesTo`); the tab explains when it does not.
 *
 * @public
 */
export function isOwnershipAvailable(entity: Entity): boolean {
  return isOwnershipKind(entity.kind);
}

/**
 * Whether entities of this kind (any case) carry ownership roles and an Ownership tab: the rule
 * of {@link isOwnershipAvailable} for where only a ref is at hand (the planning review's rows).
 */
export function isOwnershipKind(kind: string): boolean {
  return KINDS.includes(kind.toLocaleLowerCase('en-US'));
}
