import { toJson } from '@bufbuild/protobuf';
import { SellerProfile, SellerProfileSchema } from '@cascade/contracts';
import { Ctx } from '../../core/context';
import { printRecord } from '../../core/output';

/** The effective profile: the logo as its type and size, since its bytes mean nothing on a terminal. */
export function printProfile(ctx: Ctx, profile: SellerProfile): void {
  const logo = profile.logo.length
    ? `${profile.logoContentType}, ${profile.logo.length} bytes`
    : '';
  printRecord(
    ctx.out,
    ctx.format,
    [
      ['tenant_id', profile.tenantId],
      ['display_name', profile.displayName],
      ['invoice_prefix', profile.invoicePrefix],
      ['payment_terms_days', profile.paymentTermsDays ? String(profile.paymentTermsDays) : ''],
      ['accent_color', profile.accentColor],
      ['address', profile.address],
      ['tax_id', profile.taxId],
      ['logo', logo],
      ['brand_tenant_id', profile.brandTenantId],
    ],
    toJson(SellerProfileSchema, profile),
  );
}
