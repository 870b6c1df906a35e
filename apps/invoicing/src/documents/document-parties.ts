import { Inject, Injectable } from '@nestjs/common';
import { DocumentBrand, DocumentParty } from '@cascade/invoice-documents';
import { peerFailure, TENANT_CLIENT, TenantClient } from '../billing/peers';
import { SellerProfileService } from '../profiles/seller-profile.service';

/**
 * The parties on a document: metering's tenant, with the seller's effective profile
 * (its own fields, else inherited down the tree, as GetSellerProfile answers) for the
 * name it trades under, its address, tax id, logo and accent colour. The buyer is
 * named as its seller knows it: its tenant name and external ref.
 */
@Injectable()
export class DocumentParties {
  constructor(
    @Inject(TENANT_CLIENT) private readonly tenants: TenantClient,
    private readonly profiles: SellerProfileService,
  ) {}

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

  async seller(tenantId: string): Promise<{ party: DocumentParty; brand: DocumentBrand }> {
    const [party, { profile }] = await Promise.all([
      this.party(tenantId),
      this.profiles.effective(tenantId),
    ]);
    return {
      party: {
        ...party,
        name: profile.displayName ?? party.name,
        address: profile.address ?? '',
        taxId: profile.taxId ?? '',
      },
      brand: {
        accentColor: profile.accentColor ?? '',
        logo: profile.logo && { data: profile.logo.bytes, contentType: profile.logo.contentType },
      },
    };
  }
}
