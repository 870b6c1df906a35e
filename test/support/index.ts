// End-to-end test harness: real service processes, an independent grpc-js client,
// plain HTTP/2 Connect calls and PostgreSQL helpers. See test/support/README.md.
export * from './cascade';
export * from './connect-json';
export * from './connect-clients';
export * from './grpc-clients';
export * from './ports';
export {
  describeOnPostgres,
  dropSchemas,
  pgAvailable,
  pgAvailableSync,
  TEST_DATABASE_URL,
} from '@cascade/platform/testing';
export * from './tokens';
export * from './metrics';
export * from './otlp-receiver';
export * from './tls';
export * from './backends';
export * from './state-digest';
export * from './contracts';
