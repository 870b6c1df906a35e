export * from './postgres';
export * from './test-databases';
export * from './each-database';
