import { Entity } from '@backstage/catalog-model';

// Components and APIs are what an SLO measures (a service, a website, an endpoint); a System
// gathers its components' SLOs and may carry journey-level SLOs of its own. Other kinds (groups,
// users, resources, domains) own or host services but are not measured by an SLI themselves.
const KINDS = ['component', 'api', 'system'];

/**
 * Whether to show the SLOs tab for an entity: true for Component, API and System, the kinds an
 * SLO can belong to (a System's tab also lists its components' SLOs). For use with
 * `EntitySwitch.Case` or `EntityLayout.Route`'s `if`.
 *
 * @public
 */
export function isSlosAvailable(entity: Entity): boolean {
  return isSloKind(entity.kind);
}

/**
 * Whether entities of this kind (any case) can have SLOs and an SLOs tab: the rule of
 * {@link isSlosAvailable} for where only a ref is at hand (the planning review's rows).
 */
export function isSloKind(kind: string): boolean {
  return KINDS.includes(kind.toLocaleLowerCase('en-US'));
}
