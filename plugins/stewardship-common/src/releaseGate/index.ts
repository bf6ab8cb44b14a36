export * from './releaseGate';
