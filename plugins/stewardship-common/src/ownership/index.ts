export * from './roles';
export * from './types';
export * from './scorecard';
export * from './exemptions';
export * from './attestations';
export * from './parseOwnerRef';
export * from './relations';
