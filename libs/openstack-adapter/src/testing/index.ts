export * from './fixtures';
export * from './translate';
