export * from './formatPercent';
export * from './formatInstant';
export * from './toCsv';
export * from './compareText';
