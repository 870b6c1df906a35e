export * from './gauges';
export * from './resource-change';
export * from './event-id';
export * from './usage-event-draft';
export * from './validate-change';
export * from './gauge-events';
export * from './lifecycle';
export * from './adapter';
