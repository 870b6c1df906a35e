import { EntitySchema } from '@mikro-orm/core';
import { InstantType } from '@cascade/platform';

/** What one tenant set of its seller profile; null columns are inherited from above. */
export interface SellerProfileRow {
  tenantId: string;
  displayName: string | null;
  /** Base64 of the PNG or SVG bytes: one text column on both databases. */
  logo: string | null;
  logoContentType: string | null;
  accentColor: string | null;
  address: string | null;
  taxId: string | null;
  invoicePrefix: string | null;
  paymentTermsDays: number | null;
  updatedAt: Date;
}

export const SellerProfileEntity = new EntitySchema<SellerProfileRow>({
  name: 'SellerProfileRow',
  tableName: 'seller_profile',
  properties: {
    tenantId: { type: 'string', primary: true, fieldName: 'tenant_id' },
    displayName: { type: 'string', nullable: true, fieldName: 'display_name' },
    logo: { type: 'text', nullable: true },
    logoContentType: { type: 'string', nullable: true, fieldName: 'logo_content_type' },
    accentColor: { type: 'string', nullable: true, fieldName: 'accent_color' },
    address: { type: 'text', nullable: true },
    taxId: { type: 'string', nullable: true, fieldName: 'tax_id' },
    invoicePrefix: { type: 'string', nullable: true, fieldName: 'invoice_prefix' },
    paymentTermsDays: { type: 'integer', nullable: true, fieldName: 'payment_terms_days' },
    updatedAt: { type: InstantType, fieldName: 'updated_at' },
  },
});
