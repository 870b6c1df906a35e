import {
  invalid,
  long,
  nothing,
  notFound,
  Request,
  RpcRows,
  tooLongId,
  UNKNOWN_ID,
} from './validation-table';

const INVOICES = 'cascade.invoicing.v1.InvoiceService';
const unknownTenant = `tenant "${UNKNOWN_ID}" not found`;
const SETTABLE =
  'display_name, logo, accent_color, address, tax_id, invoice_prefix, payment_terms_days';
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Sets one profile field (and only it, in the mask) to a bad value. */
const masked =
  (path: string, key: string, value: unknown) =>
  (r: Request): void => {
    r.profile = { [key]: value };
    r.updateMask = { paths: [path] };
  };

const OUTPUT = 'set by the service: not read from a request, and update_mask may not name it';

/** SetSellerProfile and GetSellerProfile: every field of the profile, and the mask. */
export const SELLER_PROFILE_ROWS: RpcRows[] = [
  {
    rpc: `${INVOICES}/SetSellerProfile`,
    base: (f) => ({
      tenantId: f.tree.tenants.A,
      profile: { displayName: 'A Co' },
      updateMask: { paths: ['display_name'] },
    }),
    rows: [
      invalid('tenant_id', { tenantId: '' }, 'tenant_id: is required'),
      tooLongId('tenant_id', 'tenantId'),
      notFound('tenant_id', { tenantId: UNKNOWN_ID }, unknownTenant),
      nothing('profile', 'a message: each of its fields has rows'),
      invalid(
        'profile.tenant_id',
        { profile: { tenantId: UNKNOWN_ID, displayName: 'A Co' } },
        'profile.tenant_id: must be empty or equal tenant_id',
      ),
      invalid(
        'profile.display_name',
        masked('display_name', 'displayName', long(201)),
        'profile.display_name: must be at most 200 characters',
      ),
      invalid(
        'profile.logo',
        masked('logo', 'logo', new TextEncoder().encode('GIF89a')),
        'profile.logo: must be a PNG or an SVG image',
      ),
      invalid(
        'profile.logo',
        masked('logo', 'logo', new Uint8Array([...PNG_HEAD, ...new Uint8Array(256 * 1024)])),
        'profile.logo: must be at most 262144 bytes (256 KiB)',
      ),
      nothing('profile.logo_content_type', OUTPUT),
      invalid(
        'profile.accent_color',
        masked('accent_color', 'accentColor', 'orange'),
        'profile.accent_color: must be a colour as #rrggbb, got "orange"',
      ),
      invalid(
        'profile.address',
        masked('address', 'address', long(2001)),
        'profile.address: must be at most 2000 characters',
      ),
      invalid(
        'profile.tax_id',
        masked('tax_id', 'taxId', long(65)),
        'profile.tax_id: must be at most 64 characters',
      ),
      invalid(
        'profile.invoice_prefix',
        masked('invoice_prefix', 'invoicePrefix', 'acme'),
        'profile.invoice_prefix: must be 1 to 12 of A-Z, 0-9 and -, got "acme"',
      ),
      invalid(
        'profile.invoice_prefix',
        masked('invoice_prefix', 'invoicePrefix', 'ABCDEFGHIJKLM'),
        'profile.invoice_prefix: must be 1 to 12 of A-Z, 0-9 and -, got "ABCDEFGHIJKLM"',
      ),
      invalid(
        'profile.payment_terms_days',
        masked('payment_terms_days', 'paymentTermsDays', 367),
        'profile.payment_terms_days: must be at most 366 days',
      ),
      nothing('profile.brand_tenant_id', OUTPUT),
      nothing('profile.updated_at', OUTPUT),
      invalid(
        'update_mask',
        { updateMask: { paths: [] } },
        `update_mask: is required: the fields to set, of ${SETTABLE}`,
      ),
      invalid(
        'update_mask',
        { updateMask: { paths: ['colour'] } },
        `update_mask: unknown field "colour": one of ${SETTABLE}`,
      ),
      invalid(
        'update_mask',
        { updateMask: { paths: ['brand_tenant_id'] } },
        'update_mask: brand_tenant_id is set by the service, not by a request',
      ),
    ],
  },
  {
    rpc: `${INVOICES}/GetSellerProfile`,
    base: (f) => ({ tenantId: f.tree.tenants.A }),
    rows: [
      invalid('tenant_id', { tenantId: '' }, 'tenant_id: is required'),
      tooLongId('tenant_id', 'tenantId'),
      notFound('tenant_id', { tenantId: UNKNOWN_ID }, unknownTenant),
    ],
  },
];
