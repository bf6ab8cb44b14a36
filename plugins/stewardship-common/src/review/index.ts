export * from './types';
export * from './reviewFigures';
export * from './reviewEnd';
