import { OwnProfile, ProfileFields } from '@cascade/invoicing-domain';
import { SellerProfileRow } from '../persistence/seller-profile.entity';

/** What a SetSellerProfile changes: a key present with null clears the field. */
export type ProfileChanges = { [K in keyof ProfileFields]?: ProfileFields[K] | null };

/** A stored row as the domain reads it: null columns are fields the tenant did not set. */
export function fromRow(row: SellerProfileRow): OwnProfile {
  const fields: { -readonly [K in keyof ProfileFields]: ProfileFields[K] } = {};
  if (row.displayName !== null) fields.displayName = row.displayName;
  if (row.logo !== null)
    fields.logo = {
      bytes: new Uint8Array(Buffer.from(row.logo, 'base64')),
      contentType: row.logoContentType ?? '',
    };
  if (row.accentColor !== null) fields.accentColor = row.accentColor;
  if (row.address !== null) fields.address = row.address;
  if (row.taxId !== null) fields.taxId = row.taxId;
  if (row.invoicePrefix !== null) fields.invoicePrefix = row.invoicePrefix;
  if (row.paymentTermsDays !== null) fields.paymentTermsDays = row.paymentTermsDays;
  return { tenantId: row.tenantId, fields };
}

/** The row after applying `changes` to `current` (or to an empty profile). */
export function toRow(
  tenantId: string,
  current: SellerProfileRow | null,
  changes: ProfileChanges,
  at: Date,
): SellerProfileRow {
  const row: SellerProfileRow = current
    ? { ...current, updatedAt: at }
    : {
        tenantId,
        displayName: null,
        logo: null,
        logoContentType: null,
        accentColor: null,
        address: null,
        taxId: null,
        invoicePrefix: null,
        paymentTermsDays: null,
        updatedAt: at,
      };
  if ('displayName' in changes) row.displayName = changes.displayName ?? null;
  if ('accentColor' in changes) row.accentColor = changes.accentColor ?? null;
  if ('address' in changes) row.address = changes.address ?? null;
  if ('taxId' in changes) row.taxId = changes.taxId ?? null;
  if ('invoicePrefix' in changes) row.invoicePrefix = changes.invoicePrefix ?? null;
  if ('paymentTermsDays' in changes) row.paymentTermsDays = changes.paymentTermsDays ?? null;
  if ('logo' in changes) {
    row.logo = changes.logo ? Buffer.from(changes.logo.bytes).toString('base64') : null;
    row.logoContentType = changes.logo ? changes.logo.contentType : null;
  }
  return row;
}
