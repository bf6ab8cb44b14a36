/**
 * Contracts for backend code that extends Stewardship: the metric-source and backlog-provider
 * extension points.
 *
 * @packageDocumentation
 */
export * from './metricSources';
export * from './backlogProviders';
