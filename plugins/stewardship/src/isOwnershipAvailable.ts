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
  return KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}
