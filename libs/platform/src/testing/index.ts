export * from './test-databases';
export * from './each-database';
