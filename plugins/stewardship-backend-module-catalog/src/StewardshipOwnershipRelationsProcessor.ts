import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  OWNERSHIP_ANNOTATIONS,
  OWNERSHIP_RELATIONS,
  OWNERSHIP_ROLES,
  parseOwnerRef,
} from '@stewardship/backstage-plugin-stewardship-common';

/**
 * Turns Stewardship's ownership annotations (`stewardship.io/business-owner`,
 * `stewardship.io/product-owner`, `stewardship.io/engineering-owner`) into catalog relations:
 * `businessOwnedBy` from the entity to the owner and `businessOwnerOf` back, and likewise for
 * the product and engineering roles.
 *
 * - The value is read with the same parser as the Ownership tab (`parseOwnerRef` in
 *   stewardship-common): an explicit `user:` or `group:` kind, namespace `default` when left
 *   out, any case. So `User:Default/Jane.Doe` relates to `user:default/jane.doe`.
 * - An invalid value (a list written as one string, no kind, a kind other than user or group, a
 *   malformed ref) gives
 *   no relation and no processing error: the Ownership tab and the scorecard already flag it as
 *   `invalid` with the fix, while a processing error would mark the whole entity as failing in
 *   the catalog (and in its "processing errors" card) over a governance annotation.
 * - `ownedBy`/`ownerOf` are never emitted: they drive the catalog's ownership checks
 *   (`isEntityOwner` permission rules, notification routing) and stay `spec.owner`'s.
 * - Only the entity's own annotations count; a role inherited from the system or domain shows
 *   on the Ownership tab but is not copied into relations (a processor sees one entity).
 * - The entity is returned unchanged.
 *
 * @public
 */
export class StewardshipOwnershipRelationsProcessor
  implements CatalogProcessor
{
  /**
   * The name the catalog shows for this processor and reads its options under:
   * `catalog.processorOptions.StewardshipOwnershipRelationsProcessor.disabled` (true turns it
   * off) and `.priority` (default 20; lower runs earlier).
   */
  getProcessorName(): string {
    return 'StewardshipOwnershipRelationsProcessor';
  }

  /**
   * Emits the relations for the entity's own valid ownership annotations, after validation;
   * returns the entity unchanged.
   */
  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const annotations = entity.metadata.annotations;
    if (!annotations) return entity;
    const self = getCompoundEntityRef(entity);
    for (const role of OWNERSHIP_ROLES) {
      const value = annotations[OWNERSHIP_ANNOTATIONS[role]];
      if (typeof value !== 'string') continue;
      const parsed = parseOwnerRef(value);
      if (!parsed.ok) continue;
      const owner = parseEntityRef(parsed.entityRef);
      const { ownedBy, ownerOf } = OWNERSHIP_RELATIONS[role];
      // Both directions, as the catalog's own processors do for ownedBy/ownerOf: the owner's
      // page and the catalog graph only see the reverse relation if someone emits it.
      emit(
        processingResult.relation({
          source: self,
          type: ownedBy,
          target: owner,
        }),
      );
      emit(
        processingResult.relation({
          source: owner,
          type: ownerOf,
          target: self,
        }),
      );
    }
    return entity;
  }
}
