import { Provider, Type } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AUDIT_SERVICE_NAME, AuditLog } from '../audit/audit-log';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { AccessGuard } from './access.guard';
import {
  KEY_AUTHENTICATOR,
  KeyAuthenticator,
  RemoteKeyAuthenticator,
  RemoteTenantResolver,
  TENANT_RESOLVER,
  TenantResolver,
} from './resolvers';
import { TenantScope } from './scope-check';
import { staticCredentials } from './secrets';
import { SECURITY_OPTIONS, SecurityOptions, STATIC_CREDENTIALS } from './security-options';

export interface SecuritySetup extends SecurityOptions {
  /** How API keys are checked: metering looks in its own table; the others ask metering. */
  authenticator?: Type<KeyAuthenticator>;
  /** How tenant paths are found: metering reads its own table; the others ask metering. */
  resolver?: Type<TenantResolver>;
}

/**
 * What every service module provides (with AuditController among its
 * controllers): the global access guard, the audit interceptor and log, the
 * static credentials from the environment (a service without them does not
 * start), and how keys and tenants are resolved. Being part of the module,
 * the guard is there wherever the module runs, tests included.
 */
export function securityProviders(setup: SecuritySetup): Provider[] {
  const options: SecurityOptions = {
    service: setup.service,
    policy: setup.policy,
    services: setup.services,
  };
  return [
    { provide: SECURITY_OPTIONS, useValue: options },
    { provide: STATIC_CREDENTIALS, useFactory: () => staticCredentials(process.env) },
    { provide: AUDIT_SERVICE_NAME, useValue: setup.service },
    { provide: KEY_AUTHENTICATOR, useClass: setup.authenticator ?? RemoteKeyAuthenticator },
    { provide: TENANT_RESOLVER, useClass: setup.resolver ?? RemoteTenantResolver },
    AuditLog,
    TenantScope,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ];
}
