/**
 * Contracts for backend code that extends Stewardship: the metric-source extension point.
 *
 * @packageDocumentation
 */
export * from './metricSources';
