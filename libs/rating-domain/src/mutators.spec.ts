import type { ChargeSpec, PerUnitCharge } from './charge';
import { d, tiers } from './testing/builders';
import { pricingTable } from './testing/pricing-harness';

const perUnit = (extra: Pick<PerUnitCharge, 'freeUnits' | 'minimumAmount'>): ChargeSpec => ({
  meterCode: 'storage.volume.gb',
  model: 'PER_UNIT',
  unitPrice: d('0.1'),
  ...extra,
});

describe('free units, before pricing', () => {
  pricingTable([
    {
      name: 'subtracted from the quantity',
      spec: perUnit({ freeUnits: d('100') }),
      quantity: '250',
      freeUnits: '100',
      billableQuantity: '150',
      tiers: [['150', '0.1', '0', '15', null]],
      amount: '15',
    },
    {
      name: 'never more than was used',
      spec: perUnit({ freeUnits: d('100') }),
      quantity: '40',
      freeUnits: '40',
      billableQuantity: '0',
      tiers: [],
      amount: '0',
    },
    {
      name: 'tiers count from the first billable unit',
      spec: {
        meterCode: 'videos',
        model: 'GRADUATED',
        tiers: tiers(['5', '2'], [null, '1']),
        freeUnits: d('3'),
      },
      quantity: '13',
      freeUnits: '3',
      billableQuantity: '10',
      tiers: [
        ['5', '2', '0', '10', '5'],
        ['5', '1', '0', '5', null],
      ],
      amount: '15',
    },
  ]);
});

describe('minimum, after pricing', () => {
  pricingTable([
    {
      name: 'met by usage: no true-up',
      spec: perUnit({ minimumAmount: d('10') }),
      quantity: '150',
      tiers: [['150', '0.1', '0', '15', null]],
      amount: '15',
    },
    {
      name: 'applies to the amount after free units',
      spec: perUnit({ freeUnits: d('10'), minimumAmount: d('5') }),
      quantity: '10',
      freeUnits: '10',
      billableQuantity: '0',
      tiers: [],
      baseAmount: '0',
      minimumAdjustment: '5',
      amount: '5',
    },
    {
      name: 'applies to the marked-up amount',
      spec: {
        meterCode: 'storage.volume.gb',
        model: 'PERCENTAGE_MARKUP',
        markupPercent: d('50'),
        minimumAmount: d('20'),
      },
      quantity: '100',
      ctx: { upstream: perUnit({}) },
      tiers: [['100', '0.15', '0', '15', null]],
      baseAmount: '15',
      minimumAdjustment: '5',
      amount: '20',
    },
  ]);
});
