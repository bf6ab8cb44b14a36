export * from './types';
export * from './backlogFigures';
export * from './mergeBacklogItems';
export * from './backlogApi';
