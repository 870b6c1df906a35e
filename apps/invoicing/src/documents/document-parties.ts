import { Inject, Injectable } from '@nestjs/common';
import { DocumentBrand, DocumentParty } from '@cascade/invoice-documents';
import { peerFailure, TENANT_CLIENT, TenantClient } from '../billing/peers';

/**
 * The seller's and buyer's details on a document, from metering's tenants.
 * Interim: seller profiles (address, tax id, logo, accent colour) are declared as
 * GetSellerProfile and not served yet; until they are, a document names each party
 * by its tenant name and external ref, and shows no logo.
 */
@Injectable()
export class DocumentParties {
  constructor(@Inject(TENANT_CLIENT) private readonly tenants: TenantClient) {}

  async party(tenantId: string): Promise<DocumentParty> {
    const tenant = await this.tenants.getTenant({ id: tenantId }).catch((error: unknown) => {
      throw peerFailure(`metering GetTenant ${tenantId}`, error);
    });
    return {
      id: tenant.id,
      name: tenant.name,
      externalRef: tenant.externalRef,
      address: '',
      taxId: '',
    };
  }

  brand(_sellerTenantId: string): DocumentBrand {
    return { accentColor: '' };
  }
}
