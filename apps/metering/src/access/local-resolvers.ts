import { Injectable } from '@nestjs/common';
import { KeyAuthenticator, KeyPrincipal, TenantRef, TenantResolver } from '@cascade/platform';
import { TenantRepository } from '../persistence/tenant.repository';
import { ApiKeyManager } from '../api-keys/api-key-manager';

/** Metering owns the keys: it checks them in its own table. */
@Injectable()
export class LocalKeyAuthenticator implements KeyAuthenticator {
  constructor(private readonly keys: ApiKeyManager) {}

  authenticate(token: string): Promise<KeyPrincipal | undefined> {
    return this.keys.authenticate(token);
  }
}

/** Metering owns the tree: paths come from its own table, read on every check. */
@Injectable()
export class LocalTenantResolver implements TenantResolver {
  constructor(private readonly tenants: TenantRepository) {}

  async pathOf(ref: TenantRef): Promise<string | undefined> {
    if (!ref.id === !ref.externalRef) return undefined;
    const em = this.tenants.em();
    const tenant = ref.id
      ? await this.tenants.findById(em, ref.id)
      : await this.tenants.findByExternalRef(em, ref.externalRef ?? '');
    return tenant?.path;
  }
}
