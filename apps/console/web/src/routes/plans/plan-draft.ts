import type { MessageInitShape } from '@bufbuild/protobuf';
import { BillingModel, ChargeModel, CreatePlanRequestSchema, Interval } from '@cascade/contracts';

/** A plan as sent to CreatePlan and PreviewPlan. */
export type PlanRequest = MessageInitShape<typeof CreatePlanRequestSchema>;

export interface TierDraft {
  upTo: string;
  unitPrice: string;
  flatFee: string;
}

export interface ChargeDraft {
  meterCode: string;
  model: ChargeModel;
  unitPrice: string;
  tiers: TierDraft[];
  packageSize: string;
  packagePrice: string;
  flatAmount: string;
  markupPercent: string;
  freeUnits: string;
  minimumAmount: string;
}

export interface PlanDraft {
  code: string;
  name: string;
  currency: string;
  billingModel: BillingModel;
  subscriptionFee: string;
  charges: ChargeDraft[];
}

export const emptyTier = (): TierDraft => ({ upTo: '', unitPrice: '', flatFee: '' });

export const emptyCharge = (meterCode = ''): ChargeDraft => ({
  meterCode,
  model: ChargeModel.PER_UNIT,
  unitPrice: '',
  tiers: [emptyTier()],
  packageSize: '',
  packagePrice: '',
  flatAmount: '',
  markupPercent: '',
  freeUnits: '',
  minimumAmount: '',
});

const TIERED = new Set([ChargeModel.GRADUATED, ChargeModel.VOLUME]);

export const usesTiers = (model: ChargeModel) => TIERED.has(model);

/**
 * The request as the person typed it, fields of the chosen model only; the API
 * checks everything and names the field it refuses (nothing is validated twice here).
 */
export function toCreatePlanRequest(sellerTenantId: string, d: PlanDraft): PlanRequest {
  return {
    sellerTenantId,
    code: d.code.trim(),
    name: d.name.trim(),
    currency: d.currency.trim(),
    billingModel: d.billingModel,
    interval: Interval.MONTHLY,
    subscriptionFee: d.billingModel === BillingModel.SUBSCRIPTION ? d.subscriptionFee.trim() : '',
    charges: d.charges.map((c) => ({
      meterCode: c.meterCode,
      model: c.model,
      unitPrice: c.model === ChargeModel.PER_UNIT ? c.unitPrice.trim() : '',
      tiers: usesTiers(c.model)
        ? c.tiers.map((t) => ({
            upTo: t.upTo.trim(),
            unitPrice: t.unitPrice.trim(),
            flatFee: t.flatFee.trim(),
          }))
        : [],
      packageSize: c.model === ChargeModel.PACKAGE ? c.packageSize.trim() : '',
      packagePrice: c.model === ChargeModel.PACKAGE ? c.packagePrice.trim() : '',
      flatAmount: c.model === ChargeModel.FLAT ? c.flatAmount.trim() : '',
      markupPercent: c.model === ChargeModel.PERCENTAGE_MARKUP ? c.markupPercent.trim() : '',
      freeUnits: c.freeUnits.trim(),
      minimumAmount: c.minimumAmount.trim(),
    })),
  };
}
