export * from './postgres';
export * from './test-databases';
export * from './each-database';
export * from './test-certificates';
// Without the rest of the platform: a harness that starts services must not load Nest.
export { PORT_VARIABLES, URL_VARIABLES } from '../service-config';
