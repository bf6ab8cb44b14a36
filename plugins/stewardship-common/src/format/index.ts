export * from './formatPercent';
export * from './formatInstant';
