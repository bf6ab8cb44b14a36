/**
 * Catalog processor module for Stewardship: the business, product and engineering owner
 * annotations become catalog relations.
 *
 * @packageDocumentation
 */
export { catalogModuleStewardshipOwnershipRelations as default } from './module';
export { StewardshipOwnershipRelationsProcessor } from './StewardshipOwnershipRelationsProcessor';
