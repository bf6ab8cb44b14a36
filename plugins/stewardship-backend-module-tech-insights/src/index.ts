/**
 * A Tech Insights fact retriever publishing Stewardship's ownership and SLO facts.
 *
 * @packageDocumentation
 */
export { techInsightsModuleStewardship as default } from './module';
export {
  STEWARDSHIP_FACT_RETRIEVER_ID,
  STEWARDSHIP_FACT_SCHEMA_VERSION,
  stewardshipFactSchema,
} from './facts';
export type { StewardshipFacts } from './facts';
export {
  DEFAULT_STEWARDSHIP_ENTITY_FILTER,
  createStewardshipFactRetriever,
  retrieveStewardshipFacts,
} from './stewardshipFactRetriever';
export type {
  StewardshipEntityFilter,
  StewardshipFactRetrieverOptions,
} from './stewardshipFactRetriever';
