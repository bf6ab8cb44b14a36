export * from './types';
export * from './incidentTimes';
export * from './incidentFigures';
export * from './incidentBudget';
