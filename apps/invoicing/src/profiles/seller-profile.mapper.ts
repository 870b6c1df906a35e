import { MessageInitShape } from '@bufbuild/protobuf';
import { SellerProfileSchema } from '@cascade/contracts';
import { toTimestamp } from '@cascade/platform';
import { ProfileView } from './seller-profile.service';

/** The effective profile; fields nobody on the path set are empty. */
export function profileToProto(view: ProfileView): MessageInitShape<typeof SellerProfileSchema> {
  const { profile } = view;
  return {
    tenantId: view.tenantId,
    displayName: profile.displayName ?? '',
    logo: profile.logo?.bytes ?? new Uint8Array(),
    logoContentType: profile.logo?.contentType ?? '',
    accentColor: profile.accentColor ?? '',
    address: profile.address ?? '',
    taxId: profile.taxId ?? '',
    invoicePrefix: profile.invoicePrefix ?? '',
    paymentTermsDays: profile.paymentTermsDays ?? 0,
    brandTenantId: profile.brandTenantId,
    updatedAt: view.updatedAt ? toTimestamp(view.updatedAt) : undefined,
  };
}
