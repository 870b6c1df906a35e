export * from './tls-settings';
export * from './service-certificate';
export * from './connection-identity';
