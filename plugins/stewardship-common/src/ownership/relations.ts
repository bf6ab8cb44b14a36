import { OwnershipRole } from './roles';

/**
 * Catalog relation from an entity to its business owner (a user or group), emitted by the
 * Stewardship catalog module from the `stewardship.io/business-owner` annotation.
 *
 * @public
 */
export const RELATION_BUSINESS_OWNED_BY = 'businessOwnedBy';
/**
 * Reverse of {@link RELATION_BUSINESS_OWNED_BY}: from the owner to the entity.
 *
 * @public
 */
export const RELATION_BUSINESS_OWNER_OF = 'businessOwnerOf';
/**
 * Catalog relation from an entity to its product owner (`stewardship.io/product-owner`).
 *
 * @public
 */
export const RELATION_PRODUCT_OWNED_BY = 'productOwnedBy';
/**
 * Reverse of {@link RELATION_PRODUCT_OWNED_BY}: from the owner to the entity.
 *
 * @public
 */
export const RELATION_PRODUCT_OWNER_OF = 'productOwnerOf';
/**
 * Catalog relation from an entity to its engineering owner (`stewardship.io/engineering-owner`).
 *
 * @public
 */
export const RELATION_ENGINEERING_OWNED_BY = 'engineeringOwnedBy';
/**
 * Reverse of {@link RELATION_ENGINEERING_OWNED_BY}: from the owner to the entity.
 *
 * @public
 */
export const RELATION_ENGINEERING_OWNER_OF = 'engineeringOwnerOf';

/**
 * The pair of catalog relation types for each ownership role: `ownedBy` points from the entity
 * to its owner, `ownerOf` back from the owner to the entity.
 *
 * @public
 */
export const OWNERSHIP_RELATIONS: Readonly<
  Record<OwnershipRole, { readonly ownedBy: string; readonly ownerOf: string }>
> = {
  business: {
    ownedBy: RELATION_BUSINESS_OWNED_BY,
    ownerOf: RELATION_BUSINESS_OWNER_OF,
  },
  product: {
    ownedBy: RELATION_PRODUCT_OWNED_BY,
    ownerOf: RELATION_PRODUCT_OWNER_OF,
  },
  engineering: {
    ownedBy: RELATION_ENGINEERING_OWNED_BY,
    ownerOf: RELATION_ENGINEERING_OWNER_OF,
  },
};

/**
 * The relation pairs of {@link OWNERSHIP_RELATIONS} as the catalog graph takes them
 * (`knownRelationPairs` of `DefaultCatalogGraphApi`): owner-of first, as it pairs
 * `ownerOf`/`ownedBy`. Spread `.flat()` of it into `knownRelations`.
 *
 * @public
 */
export const OWNERSHIP_RELATION_PAIRS: [string, string][] = Object.values(
  OWNERSHIP_RELATIONS,
).map(({ ownerOf, ownedBy }): [string, string] => [ownerOf, ownedBy]);
