import { formatDecimal } from '@cascade/money';
import { InvoiceLine } from './invoice-line';
import { formatRange } from './period-label';
import { TimeRange } from './time-range';

/** A meter as a person reads it: "Egress" measured in "GB". */
export interface MeterLabel {
  readonly name: string;
  readonly unit: string;
}

/** A plan as a person reads it: its name and the seller's code for it. */
export interface PlanLabel {
  readonly name: string;
  readonly code: string;
}

/** What the invoice's lines are named by; an unknown meter or plan reads as its code or id. */
export interface LineLabels {
  readonly meters: ReadonlyMap<string, MeterLabel>;
  readonly plans: ReadonlyMap<string, PlanLabel>;
}

/** The names a line shows next to its description (empty where the kind has none). */
export interface LineNames {
  readonly meterName: string;
  readonly unit: string;
  readonly planName: string;
  readonly planCode: string;
  readonly description: string;
}

/**
 * The line's names and a description a customer reads: "Egress (GB): 750.5 GB, plan Gold
 * v1" — the meter's name and unit and the plan's name instead of codes and ids. A line
 * that covers only part of the invoice's period says which part.
 */
export function nameLine(line: InvoiceLine, period: TimeRange, labels: LineLabels): LineNames {
  switch (line.kind) {
    case 'USAGE': {
      const meter = meterOf(line.meterCode, labels);
      const plan = planOf(line.planId, labels);
      const part = { start: line.from, end: line.to };
      return {
        ...names(meter, plan),
        description:
          `${meterTitle(meter)}: ${formatDecimal(line.quantity)} ${meter.unit}, ` +
          `plan ${plan.name} v${line.planVersion}${partOf(part, period)}`,
      };
    }
    case 'ADJUSTMENT': {
      const meter = meterOf(line.meterCode, labels);
      const sign = line.quantity.isPositive() ? '+' : '';
      const change = line.quantity.isZero()
        ? 're-rated, quantity unchanged'
        : `${sign}${formatDecimal(line.quantity)} ${meter.unit}`;
      return {
        ...names(meter, undefined),
        description: `Late usage for ${formatRange(line.forPeriod)}: ${meterTitle(meter)} ${change}`,
      };
    }
    case 'SUBSCRIPTION_FEE': {
      const plan = planOf(line.planId, labels);
      return {
        ...names(undefined, plan),
        // The fee's own wording (in advance, unused time, proration) stays; the plan is named.
        description: line.description.replace(`plan ${line.planId} v`, `plan ${plan.name} v`),
      };
    }
    case 'TAX':
    case 'CREDIT':
      return { ...names(undefined, undefined), description: line.description };
  }
}

function meterOf(code: string, labels: LineLabels): MeterLabel & { code: string } {
  const meter = labels.meters.get(code);
  return { code, name: meter?.name || code, unit: meter?.unit || 'units' };
}

function planOf(id: string, labels: LineLabels): PlanLabel {
  const plan = labels.plans.get(id);
  return { name: plan?.name || id, code: plan?.code ?? '' };
}

function names(meter: MeterLabel | undefined, plan: PlanLabel | undefined) {
  return {
    meterName: meter?.name ?? '',
    unit: meter?.unit ?? '',
    planName: plan?.name ?? '',
    planCode: plan?.code ?? '',
  };
}

/** "Egress (GB)"; a meter known only by its code reads as the code. */
function meterTitle(meter: MeterLabel & { code: string }): string {
  return meter.name === meter.code ? meter.code : `${meter.name} (${meter.unit})`;
}

function partOf(part: TimeRange, period: TimeRange): string {
  const whole =
    part.start.getTime() === period.start.getTime() && part.end.getTime() === period.end.getTime();
  return whole ? '' : `, ${formatRange(part)}`;
}
