export * from './types';
export * from './reviewFigures';
