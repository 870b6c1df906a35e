export * from './test-databases';
export * from './each-database';
export * from './test-certificates';
