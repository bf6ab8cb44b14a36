export * from './periodLimit';
