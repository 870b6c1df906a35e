import { Charge, Plan } from '@cascade/contracts';
import { Dec, isDecimalString } from '@cascade/money';
import { DeclaredPlan } from './plan-file';

export type PlanChange =
  | { kind: 'create'; declared: DeclaredPlan }
  | { kind: 'update'; declared: DeclaredPlan; live: Plan; fields: string[] }
  | { kind: 'unchanged'; declared: DeclaredPlan; live: Plan }
  /** A field a new version cannot change (currency, billing model, interval). */
  | { kind: 'conflict'; declared: DeclaredPlan; live: Plan; fields: string[] };

/** "0.10" and "0.1" are the same price. */
const decimal = (s: string) => (s === '' ? '' : isDecimalString(s) ? new Dec(s).toFixed() : s);

function chargeKey(c: Charge): string {
  return JSON.stringify([
    c.meterCode,
    c.model,
    decimal(c.unitPrice),
    c.tiers.map((t) => [decimal(t.upTo), decimal(t.unitPrice), decimal(t.flatFee)]),
    decimal(c.packageSize),
    decimal(c.packagePrice),
    decimal(c.flatAmount),
    decimal(c.markupPercent),
    decimal(c.freeUnits),
    decimal(c.minimumAmount),
  ]);
}

/** What applying the file would do to each plan, matched by code. */
export function diffPlans(declared: DeclaredPlan[], live: Plan[]): PlanChange[] {
  return declared.map((d) => {
    const current = live.find((p) => p.code === d.code);
    if (!current) return { kind: 'create', declared: d };
    const fixed = [
      d.currency !== current.currency && 'currency',
      d.billingModel !== current.billingModel && 'billing_model',
      d.interval !== current.interval && 'interval',
    ].filter((f): f is string => Boolean(f));
    if (fixed.length) return { kind: 'conflict', declared: d, live: current, fields: fixed };
    const fields = [
      d.name !== current.name && 'name',
      decimal(d.subscriptionFee || '0') !== decimal(current.subscriptionFee || '0') &&
        'subscription_fee',
      d.charges.map(chargeKey).join('\n') !== current.charges.map(chargeKey).join('\n') &&
        'charges',
    ].filter((f): f is string => Boolean(f));
    return fields.length
      ? { kind: 'update', declared: d, live: current, fields }
      : { kind: 'unchanged', declared: d, live: current };
  });
}
