/**
 * Contracts for backend code that extends Stewardship.
 *
 * Empty for now: the metric-source and backlog-provider extension points land here with the
 * SLO engine (see the package README).
 *
 * @packageDocumentation
 */
export {};
