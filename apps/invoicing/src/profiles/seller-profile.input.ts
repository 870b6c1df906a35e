import { SetSellerProfileRequest } from '@cascade/contracts';
import {
  ACCENT_COLOR,
  INVOICE_PREFIX,
  logoContentType,
  MAX_LOGO_BYTES,
  MAX_PAYMENT_TERMS_DAYS,
} from '@cascade/invoicing-domain';
import { FieldProblems, invalidArgument } from '@cascade/platform';
import { optionalText } from '../invoices/invoice-input';
import { ProfileChanges } from './seller-profile.conversions';

/** Mask paths a caller may set, as SellerProfile names them. */
const SETTABLE = [
  'display_name',
  'logo',
  'accent_color',
  'address',
  'tax_id',
  'invoice_prefix',
  'payment_terms_days',
] as const;
type Settable = (typeof SETTABLE)[number];

/** Fields the service fills in: naming one in the mask is a mistake, said so. */
const OUTPUT_ONLY = ['tenant_id', 'logo_content_type', 'brand_tenant_id', 'updated_at'];

/**
 * The changes a SetSellerProfile asks for: exactly the masked fields, each checked; a
 * masked field left empty clears it (inherited again). Fields outside the mask are not
 * read, as a FieldMask says; the mask itself is required, so nothing changes by accident.
 */
export function profileChanges(req: SetSellerProfileRequest): ProfileChanges {
  const paths = req.updateMask?.paths ?? [];
  if (paths.length === 0)
    throw invalidArgument(
      'update_mask',
      `is required: the fields to set, of ${SETTABLE.join(', ')}`,
    );
  const profile = req.profile;
  const changes: ProfileChanges = {};
  // Every path and every masked field checked, so one answer names every bad one.
  const problems = new FieldProblems();
  for (const path of paths) {
    if (OUTPUT_ONLY.includes(path))
      problems.add('update_mask', `${path} is set by the service, not by a request`);
    else if (!(SETTABLE as readonly string[]).includes(path))
      problems.add(
        'update_mask',
        `unknown field ${JSON.stringify(path)}: one of ${SETTABLE.join(', ')}`,
      );
    else problems.check(() => Object.assign(changes, change(path as Settable, profile)));
  }
  problems.throwIfAny();
  return changes;
}

function change(path: Settable, profile: SetSellerProfileRequest['profile']): ProfileChanges {
  const field = `profile.${path}`;
  switch (path) {
    case 'display_name':
      return { displayName: orNull(optionalText(profile?.displayName ?? '', field, 200)) };
    case 'address':
      return { address: orNull(optionalText(profile?.address ?? '', field, 2000)) };
    case 'tax_id':
      return { taxId: orNull(optionalText(profile?.taxId ?? '', field, 64)) };
    case 'accent_color': {
      const color = profile?.accentColor.trim() ?? '';
      if (color && !ACCENT_COLOR.test(color))
        throw invalidArgument(field, `must be a colour as #rrggbb, got ${JSON.stringify(color)}`);
      return { accentColor: color ? color.toLowerCase() : null };
    }
    case 'invoice_prefix': {
      const prefix = profile?.invoicePrefix.trim() ?? '';
      if (prefix && !INVOICE_PREFIX.test(prefix))
        throw invalidArgument(
          field,
          `must be 1 to 12 of A-Z, 0-9 and -, got ${JSON.stringify(prefix)}`,
        );
      return { invoicePrefix: orNull(prefix) };
    }
    case 'payment_terms_days': {
      const days = profile?.paymentTermsDays ?? 0;
      if (days > MAX_PAYMENT_TERMS_DAYS)
        throw invalidArgument(field, `must be at most ${MAX_PAYMENT_TERMS_DAYS} days`);
      return { paymentTermsDays: days === 0 ? null : days };
    }
    case 'logo': {
      const bytes = profile?.logo ?? new Uint8Array();
      if (bytes.length === 0) return { logo: null };
      if (bytes.length > MAX_LOGO_BYTES)
        throw invalidArgument(field, `must be at most ${MAX_LOGO_BYTES} bytes (256 KiB)`);
      const contentType = logoContentType(bytes);
      if (!contentType) throw invalidArgument(field, 'must be a PNG or an SVG image');
      return { logo: { bytes, contentType } };
    }
  }
}

function orNull(text: string): string | null {
  return text === '' ? null : text;
}
