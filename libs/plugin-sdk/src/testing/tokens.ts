import { randomBytes } from 'node:crypto';

/**
 * The credentials every service a test process starts is given: the
 * installation operator's token (what MeteringAdmin and the tests' clients
 * send) and the services' shared credential. Fresh per test process.
 */
export const TEST_ADMIN_TOKEN = randomBytes(32).toString('base64url');
export const TEST_SERVICE_TOKEN = randomBytes(32).toString('base64url');
