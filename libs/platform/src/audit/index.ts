export * from './audit.entity';
export * from './audit-log';
export * from './audit.interceptor';
export * from './audit.controller';
