/**
 * A seller's invoice settings and brand. Every field is optional on a tenant: one it did
 * not set comes from the nearest ancestor that did, so a distributor's brand and terms
 * reach every reseller below it that has none of its own.
 */
export interface ProfileFields {
  readonly displayName?: string;
  /** PNG or SVG bytes, with their content type. */
  readonly logo?: { readonly bytes: Uint8Array; readonly contentType: string };
  readonly accentColor?: string;
  readonly address?: string;
  readonly taxId?: string;
  readonly invoicePrefix?: string;
  readonly paymentTermsDays?: number;
}

export type ProfileField = keyof ProfileFields;

/** One tenant's own settings (what it set), from the root down. */
export interface OwnProfile {
  readonly tenantId: string;
  readonly fields: ProfileFields;
}

export interface EffectiveProfile extends ProfileFields {
  /** The tenant the brand (display name, logo, accent colour) comes from; '' when none set one. */
  readonly brandTenantId: string;
}

const BRAND: readonly ProfileField[] = ['displayName', 'logo', 'accentColor'];

/** Each field from the deepest tenant of `chain` (root first, the tenant itself last) that set it. */
export function effectiveProfile(chain: readonly OwnProfile[]): EffectiveProfile {
  const fields: Record<string, unknown> = {};
  let brandTenantId = '';
  for (const own of chain) {
    for (const [key, value] of Object.entries(own.fields))
      if (value !== undefined) fields[key] = value;
    if (BRAND.some((key) => own.fields[key] !== undefined)) brandTenantId = own.tenantId;
  }
  return { ...(fields as ProfileFields), brandTenantId };
}

/** Invoice numbers read PREFIX-YYYY-NNNNNN. */
export const INVOICE_PREFIX = /^[A-Z0-9-]{1,12}$/;
export const ACCENT_COLOR = /^#[0-9a-fA-F]{6}$/;
export const MAX_LOGO_BYTES = 256 * 1024;
export const MAX_PAYMENT_TERMS_DAYS = 366;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** 'image/png' or 'image/svg+xml' from the bytes themselves; undefined for anything else. */
export function logoContentType(bytes: Uint8Array): string | undefined {
  if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return 'image/png';
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head))
    return 'image/svg+xml';
  return undefined;
}

/** "ACME-2026-000123": the prefix, the year the invoice was finalized (UTC), six digits at least. */
export function prefixedInvoiceNumber(prefix: string, finalizedAt: Date, sequence: bigint): string {
  if (!INVOICE_PREFIX.test(prefix)) throw new RangeError(`invalid invoice prefix ${prefix}`);
  if (sequence < 1n) throw new RangeError(`invoice sequence starts at 1, got ${sequence}`);
  return `${prefix}-${finalizedAt.getUTCFullYear()}-${sequence.toString().padStart(6, '0')}`;
}

const MS_PER_DAY = 86_400_000;

/** The due date: finalization plus the payment terms (none set: due on finalization). */
export function dueAt(finalizedAt: Date, paymentTermsDays: number | undefined): Date {
  return new Date(finalizedAt.getTime() + (paymentTermsDays ?? 0) * MS_PER_DAY);
}
