/**
 * Types and helpers shared by the Stewardship frontend and backend.
 *
 * @packageDocumentation
 */
export * from './entityRefs';
export * from './ownership';
export * from './slo';
export * from './slo/sloKinds';
export * from './incidents';
export * from './backlog';
export * from './releaseGate';
export * from './permissions';
export * from './review';
export * from './periods';
export * from './format';
export * from './links';
export * from './signals';
