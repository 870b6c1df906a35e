import { BillingAnchor, SetBillingSettingsRequest } from '@cascade/contracts';
import { FieldProblems, invalidArgument, optionalInstant, updatePaths } from '@cascade/platform';
import { AnchorKind } from '../persistence/billing-settings.entity';
import { requireDecimal, requireText } from '../invoices/invoice-input';
import { SettingsChanges } from './billing-settings.service';

const SETTABLE = ['tax_rate', 'anchor', 'anniversary_at'] as const;

/**
 * The settings a SetBillingSettings changes, each checked: only the fields its mask names
 * (or, without a mask, the fields it set), so setting the tax rate never moves the anchor.
 * Every invalid field is reported at once.
 */
export function settingsChanges(req: SetBillingSettingsRequest): SettingsChanges {
  const problems = new FieldProblems();
  const buyerTenantId = problems.check(() => requireText(req.buyerTenantId, 'buyer_tenant_id'));
  const paths = problems.check(() =>
    updatePaths(req.updateMask, SETTABLE, {
      tax_rate: req.taxRate.trim() !== '',
      anchor: req.anchor !== BillingAnchor.UNSPECIFIED,
      anniversary_at: req.anniversaryAt !== undefined,
    }),
  );
  const changes: SettingsChanges = { buyerTenantId: buyerTenantId ?? '' };
  if (paths?.has('tax_rate')) problems.check(() => (changes.taxRate = taxRate(req.taxRate)));
  if (paths?.has('anchor')) problems.check(() => (changes.anchor = anchorFromProto(req.anchor)));
  if (paths?.has('anniversary_at'))
    problems.check(
      () => (changes.anniversaryAt = optionalInstant(req.anniversaryAt, 'anniversary_at') ?? null),
    );
  problems.throwIfAny();
  return changes;
}

/** Empty or zero: no tax. */
function taxRate(value: string) {
  if (value.trim() === '') return null;
  const rate = requireDecimal(value, 'tax_rate');
  if (rate.isNegative() || rate.gt(1))
    throw invalidArgument('tax_rate', 'must be between 0 and 1 ("0.2" for 20 %)');
  return rate.isZero() ? null : rate;
}

/** Unset is the calendar, as before anchors existed; an unknown value is refused. */
function anchorFromProto(anchor: BillingAnchor): AnchorKind {
  if (anchor === BillingAnchor.ANNIVERSARY) return 'ANNIVERSARY';
  if (anchor === BillingAnchor.CALENDAR || anchor === BillingAnchor.UNSPECIFIED) return 'CALENDAR';
  throw invalidArgument('anchor', 'must be BILLING_ANCHOR_CALENDAR or BILLING_ANCHOR_ANNIVERSARY');
}
