export * from './formatPercent';
export * from './formatBurnRates';
export * from './formatInstant';
export * from './toCsv';
export * from './compareText';
