export * from './audit.entity';
export * from './audit-log';
export * from './audit-claim';
export * from './audit-insert';
export * from './pending-audit';
export * from './audit-subscriber';
export * from './audit.interceptor';
export * from './audit.controller';
