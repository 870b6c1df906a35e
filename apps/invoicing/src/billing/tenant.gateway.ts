import { Inject, Injectable } from '@nestjs/common';
import { Code, ConnectError } from '@connectrpc/connect';
import { TimeRange } from '@cascade/invoicing-domain';
import { peerFailure, TENANT_CLIENT, TenantClient } from './peers';

/** A seller → buyer edge and the part of the billing period it covers. */
export interface BillingEdge {
  sellerTenantId: string;
  buyerTenantId: string;
  part: TimeRange;
}

/** Metering's tenant tree, as invoicing needs it. */
@Injectable()
export class TenantGateway {
  constructor(@Inject(TENANT_CLIENT) private readonly client: TenantClient) {}

  /** The tenant's currency; undefined when metering does not know the tenant. */
  async currencyIfExists(tenantId: string): Promise<string | undefined> {
    try {
      return (await this.client.getTenant({ id: tenantId })).currency;
    } catch (error) {
      if (ConnectError.from(error).code === Code.NotFound) return undefined;
      throw peerFailure(`metering GetTenant ${tenantId}`, error);
    }
  }

  /** Ids from the root down to the tenant, inclusive. */
  async pathOf(tenantId: string): Promise<string[]> {
    const tenant = await this.client.getTenant({ id: tenantId }).catch((error: unknown) => {
      throw peerFailure(`metering GetTenant ${tenantId}`, error);
    });
    return tenant.path.length > 0 ? tenant.path : [tenantId];
  }

  /** The tenant's name, to show next to its id; '' for an id metering does not know. */
  async nameOf(tenantId: string): Promise<string> {
    try {
      return (await this.client.getTenant({ id: tenantId })).name;
    } catch (error) {
      if (ConnectError.from(error).code === Code.NotFound) return '';
      throw peerFailure(`metering GetTenant ${tenantId}`, error);
    }
  }

  /** The tenant's seller now; '' for a root. */
  async parentOf(tenantId: string): Promise<string> {
    const tenant = await this.client.getTenant({ id: tenantId }).catch((error: unknown) => {
      throw peerFailure(`metering GetTenant ${tenantId}`, error);
    });
    return tenant.parentId;
  }

  async currencyOf(tenantId: string): Promise<string> {
    const tenant = await this.client.getTenant({ id: tenantId }).catch((error: unknown) => {
      throw peerFailure(`metering GetTenant ${tenantId}`, error);
    });
    return tenant.currency;
  }
}
