export * from './formatPercent';
export * from './formatBurnRates';
export * from './dayDigits';
export * from './formatInstant';
export * from './toCsv';
export * from './compareText';
export * from './formatCounts';
