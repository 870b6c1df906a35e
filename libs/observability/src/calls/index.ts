export * from './caller';
export * from './code-name';
export * from './server-interceptor';
export * from './client-interceptor';
