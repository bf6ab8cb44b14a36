/**
 * The three accountable roles Stewardship tracks for every entity.
 *
 * @public
 */
export type OwnershipRole = 'business' | 'product' | 'engineering';

/**
 * All roles, in the order the UI and reports show them.
 *
 * @public
 */
export const OWNERSHIP_ROLES: readonly OwnershipRole[] = [
  'business',
  'product',
  'engineering',
];

/**
 * The annotation that declares each role: one entity ref (`user:default/jane`,
 * `group:default/payments`) per annotation.
 *
 * @public
 */
export const OWNERSHIP_ANNOTATIONS: Readonly<Record<OwnershipRole, string>> = {
  business: 'stewardship.io/business-owner',
  product: 'stewardship.io/product-owner',
  engineering: 'stewardship.io/engineering-owner',
};

/**
 * Human titles for the roles, e.g. for table headers.
 *
 * @public
 */
export const OWNERSHIP_ROLE_TITLES: Readonly<Record<OwnershipRole, string>> = {
  business: 'Business owner',
  product: 'Product owner',
  engineering: 'Engineering owner',
};

/**
 * Type guard for {@link OwnershipRole}.
 *
 * @public
 */
export function isOwnershipRole(value: unknown): value is OwnershipRole {
  return (OWNERSHIP_ROLES as readonly unknown[]).includes(value);
}
