export * from './wait-for';
export * from './free-port';
export * from './metering-process';
export * from './metering-admin';
export * from './drafts';
