export * from './registry';
export * from './metrics-server';
export * from './rpc-metrics';
export * from './db-metrics';
