import { Entity } from '@backstage/catalog-model';
import { isSloKind } from '@stewardship/backstage-plugin-stewardship-common';

/**
 * Whether to show the SLOs tab for an entity: true for Component, API and System, the kinds an
 * SLO can belong to (the common package's `SLO_KINDS`; a System's tab also lists its components'
 * SLOs). For use with `EntitySwitch.Case` or `EntityLayout.Route`'s `if`.
 *
 * @public
 */
export function isSlosAvailable(entity: Entity): boolean {
  return isSloKind(entity.kind);
}
