export * from './wait-for';
export * from './free-port';
export * from './service-process';
export * from './metering-admin';
export * from './drafts';
export * from './tokens';
