export * from './observe-database';
