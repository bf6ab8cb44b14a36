export * from './types';
export * from './incidentApi';
export * from './incidentTimes';
export * from './incidentFigures';
export * from './incidentBudget';
