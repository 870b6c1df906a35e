export * from './metrics';
export * from './logging';
export * from './tracing';
export * from './calls';
export * from './database';
export * from './observe-service';
